import { TRPCError } from '@trpc/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { dashboardWorld } from './dashboard-fixtures';
import type { World } from './harness';
import { callerAs } from './roles';

const { world, fixture } = dashboardWorld();

describe('privacy.accessLog', () => {
  it('only an admin reads it; teachers, students and anonymous callers are refused', async () => {
    const code = async (user: Parameters<World['caller']>[0]) => {
      try {
        await world.caller(user).privacy.accessLog({});
        return 'ok';
      } catch (error) {
        return error instanceof TRPCError ? error.code : 'other';
      }
    };
    expect(await code(null)).toBe('UNAUTHORIZED');
    for (const who of ['student', 'otherStudent', 'teacher', 'otherTeacher'] as const) {
      expect(await code(world.users[who])).toBe('FORBIDDEN');
    }
    expect(await code(world.users.admin)).toBe('ok');
  });

  it('shows who opened which transcript and who exported what, newest first, by name', async () => {
    await world.caller(world.users.teacher).teacher.transcript({ conversationId: fixture.conversationId });
    await world.caller(world.users.admin).teacher.exportFlags({ classId: world.classId });
    const log = await world.caller(world.users.admin).privacy.accessLog({});
    expect(log.items.slice(0, 2)).toMatchObject([
      { action: 'EXPORT_FLAGS', actorName: 'Admin', className: 'Year 9 Maths' },
      {
        action: 'TRANSCRIPT_VIEW',
        actorName: 'Teacher',
        studentName: 'Student',
        conversationId: fixture.conversationId,
      },
    ]);
    const views = await world.caller(world.users.admin).privacy.accessLog({ action: 'TRANSCRIPT_VIEW' });
    expect(views.items.every((r) => r.action === 'TRANSCRIPT_VIEW')).toBe(true);
    await expect(world.caller(world.users.admin).privacy.accessLog({ action: 'NOPE' as never })).rejects.toThrow(
      TRPCError,
    );
  });

  it("answers who read one student's data, and what one teacher read", async () => {
    const { teacher, otherTeacher, student, otherStudent, admin } = world.users;
    const db = world.db.prisma;
    await db.accessLog.deleteMany();
    await db.accessLog.createMany({
      data: [
        { actorId: teacher.id, action: 'TRANSCRIPT_VIEW', studentId: student.id },
        { actorId: otherTeacher.id, action: 'TRANSCRIPT_VIEW', studentId: student.id },
        { actorId: teacher.id, action: 'TRANSCRIPT_VIEW', studentId: otherStudent.id },
        { actorId: teacher.id, action: 'EXPORT_USAGE' },
      ],
    });
    const read = async (filter: { studentId?: string; actorId?: string }) =>
      (await world.caller(admin).privacy.accessLog(filter)).items.map((r) => [r.actorName, r.studentName]).sort();
    expect(await read({ studentId: student.id })).toEqual([
      ['OtherTeacher', 'Student'],
      ['Teacher', 'Student'],
    ]);
    expect(await read({ actorId: teacher.id })).toEqual([
      ['Teacher', null],
      ['Teacher', 'OtherStudent'],
      ['Teacher', 'Student'],
    ]);
    expect(await read({ actorId: teacher.id, studentId: student.id })).toEqual([['Teacher', 'Student']]);
  });

  it('pages through the log newest first, each row once, also across rows written in the same instant', async () => {
    const db = world.db.prisma;
    await db.accessLog.deleteMany();
    const at = new Date('2026-11-20T10:00:00Z');
    await db.accessLog.createMany({
      data: Array.from({ length: 9 }, (_, i) => ({
        actorId: world.users.teacher.id,
        action: i % 3 === 0 ? ('EXPORT_USAGE' as const) : ('TRANSCRIPT_VIEW' as const),
        studentId: world.users.student.id,
        createdAt: new Date(at.getTime() + Math.min(i, 4) * 1000),
      })),
    });
    const expected = async (action?: 'EXPORT_USAGE') =>
      (
        await db.accessLog.findMany({
          where: action ? { action } : {},
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        })
      ).map((r) => r.id);
    for (const action of [undefined, 'EXPORT_USAGE'] as const) {
      const seen: string[] = [];
      let cursor = null;
      do {
        const page = await world.caller(world.users.admin).privacy.accessLog({ action, limit: 2, cursor });
        seen.push(...page.items.map((r) => r.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(await expected(action));
    }
  });
});

// Search results' snippets and the flags queue's excerpts are students' own words, shown to a teacher or an admin as
// a transcript is: every page that shows some is written to the access log.
describe("reading students' words in a list is logged", () => {
  beforeEach(() => world.db.prisma.accessLog.deleteMany());

  const logRows = () =>
    world.db.prisma.accessLog.findMany({
      orderBy: { createdAt: 'asc' },
      select: { actorId: true, action: true, classId: true, studentId: true, conversationId: true, detail: true },
    });

  it('a search page that shows snippets is logged once per student shown, with the session and the count', async () => {
    const page = await callerAs(world, 'teacher').teacher.search({ classId: world.classId, query: '光合作用' });
    expect(page.items.length).toBe(2);
    expect(await logRows()).toEqual([
      {
        actorId: world.users.teacher.id,
        action: 'SEARCH_RESULTS',
        classId: world.classId,
        studentId: world.users.student.id,
        conversationId: fixture.conversationId,
        detail: { kind: 'search', query: '光合作用', count: 2 },
      },
    ]);
    // An admin's reading is logged as theirs; a search that finds nothing shows nothing and logs nothing.
    await callerAs(world, 'admin').teacher.search({ classId: world.classId, query: 'hurt' });
    expect(await callerAs(world, 'teacher').teacher.search({ classId: world.classId, query: 'zebra' })).toMatchObject({
      items: [],
    });
    expect((await logRows()).slice(1)).toEqual([
      expect.objectContaining({
        actorId: world.users.admin.id,
        action: 'SEARCH_RESULTS',
        detail: { kind: 'search', query: 'hurt', count: 1 },
      }),
    ]);
  });

  it('a flags page is logged once per student whose excerpt it shows, for one class or all of them', async () => {
    const mine = await callerAs(world, 'teacher').teacher.flags({ classId: world.classId });
    expect(mine.items.map((f) => f.id)).toEqual([fixture.flagId]);
    await callerAs(world, 'admin').teacher.flags({});
    expect(await logRows()).toEqual([
      {
        actorId: world.users.teacher.id,
        action: 'FLAG_EXCERPTS',
        classId: world.classId,
        studentId: world.users.student.id,
        conversationId: fixture.conversationId,
        detail: { kind: 'flagExcerpts', count: 1 },
      },
      expect.objectContaining({ actorId: world.users.admin.id, action: 'FLAG_EXCERPTS', classId: world.classId }),
    ]);
    // The admin reads these rows by their action.
    const log = await callerAs(world, 'admin').privacy.accessLog({ action: 'FLAG_EXCERPTS' });
    expect(log.items).toHaveLength(2);
    // An empty queue shows no excerpt: nothing is logged.
    await callerAs(world, 'teacher').teacher.flags({ classId: world.classId, status: 'reviewed' });
    expect(await logRows()).toHaveLength(2);
  });
});
