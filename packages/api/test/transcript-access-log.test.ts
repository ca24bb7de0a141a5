import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../src';
import { dashboardWorld } from './dashboard-fixtures';
import { follow } from './harness';
import { addOutsider } from './practice-fixtures';
import { outcome } from './roles';

/**
 * Every way an adult can read a student's class session is written to the access log: the dashboard's transcript
 * (privacy.test.ts), and the paths students use too: conversations.get, conversations.export, following a reply
 * live, and a practice attempt. The student reading their own session is not logged.
 */
const { world, fixture } = dashboardWorld();
let outsider: SessionUser;
let replyId: string;
let attemptId: string;

beforeAll(async () => {
  outsider = await addOutsider(world);
  replyId = (
    await world.db.prisma.message.findFirstOrThrow({
      where: { conversationId: fixture.conversationId, role: 'ASSISTANT' },
    })
  ).id;
  attemptId = (
    await world
      .caller(world.users.student)
      .practice.start({ source: { kind: 'builtin', id: 'zh-en-a1-basics' }, classId: world.classId })
  ).id;
});

type Who = 'student' | 'outsider' | 'teacher' | 'otherTeacher' | 'admin';
const READERS: Who[] = ['student', 'outsider', 'teacher', 'otherTeacher', 'admin'];
const userOf = (who: Who) => (who === 'outsider' ? outsider : world.users[who]);

// The last column is the detail the row holds and the admin's page reads back.
const paths: Array<[string, (user: SessionUser) => Promise<unknown>, string, unknown]> = [
  [
    'conversations.get',
    (u) => world.caller(u).conversations.get({ conversationId: fixture.conversationId }),
    'TRANSCRIPT_VIEW',
    { kind: 'session' },
  ],
  [
    'conversations.export (Markdown)',
    (u) =>
      world
        .caller(u)
        .conversations.export({ conversationId: fixture.conversationId, format: 'markdown', locale: 'en' }),
    'EXPORT_TRANSCRIPTS',
    { kind: 'oneSession', format: 'markdown' },
  ],
  [
    'conversations.export (JSON)',
    (u) =>
      world.caller(u).conversations.export({ conversationId: fixture.conversationId, format: 'json', locale: 'zh' }),
    'EXPORT_TRANSCRIPTS',
    { kind: 'oneSession', format: 'json' },
  ],
  [
    'following a reply',
    async (u) => {
      const r = await follow(world, u, replyId);
      if (r.status !== 200) throw new TRPCError({ code: 'NOT_FOUND' });
    },
    'TRANSCRIPT_VIEW',
    { kind: 'liveReply' },
  ],
  [
    'practice.attempt',
    (u) => world.caller(u).practice.attempt({ attemptId }),
    'TRANSCRIPT_VIEW',
    { kind: 'practice', title: expect.stringMatching(/\S/) },
  ],
];

describe('an adult reading a session through any path is logged', () => {
  for (const [name, read, action, detail] of paths) {
    it(name, async () => {
      const db = world.db.prisma;
      const results: Record<string, { outcome: string; logged: number }> = {};
      for (const who of READERS) {
        const user = userOf(who);
        const before = await db.accessLog.count({ where: { actorId: user.id } });
        const result = await outcome(() => read(user));
        results[who] = {
          outcome: result,
          logged: (await db.accessLog.count({ where: { actorId: user.id } })) - before,
        };
      }
      expect(results).toEqual({
        student: { outcome: 'ok', logged: 0 },
        outsider: { outcome: 'NOT_FOUND', logged: 0 },
        teacher: { outcome: 'ok', logged: 1 },
        otherTeacher: { outcome: 'NOT_FOUND', logged: 0 },
        admin: { outcome: 'ok', logged: 1 },
      });
      const row = await db.accessLog.findFirstOrThrow({
        where: { actorId: world.users.teacher.id },
        orderBy: { createdAt: 'desc' },
      });
      expect(row).toMatchObject({ action, classId: world.classId, studentId: world.users.student.id });
      expect(row.detail).toEqual(detail);
      // The admin reads it by name on /admin/privacy.
      const log = await world.caller(world.users.admin).privacy.accessLog({});
      expect(log.items[0]).toMatchObject({ action, actorName: 'Admin', studentName: 'Student', detail });
    });
  }
});
