import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, follow, send, type World } from './harness';
import { type AuthorizationCase, callerAs, outcome, testAuthorizationTable, WHO, type Who } from './roles';

let world: World;
let conversationId: string;
let assistantMessageId: string;

beforeAll(async () => {
  world = await createWorld();
  const conversation = await world
    .caller(world.users.student)
    .conversations.create({ mode: 'MATHS', classId: world.classId });
  conversationId = conversation.id;
  const turn = await send(world, world.users.student, { conversationId, content: 'What is 2 + 2?' });
  assistantMessageId = turn.events[0]?.type === 'start' ? turn.events[0].assistantMessageId : '';
});
afterAll(() => world.close());

const caller = (who: Who) => callerAs(world, who);

// Expected outcome per caller, in WHO's order. The conversation belongs to `student`, in `teacher`'s class.
const cases: AuthorizationCase<Who>[] = [
  ['account.me', (w) => caller(w).account.me(), ['UNAUTHORIZED', 'ok', 'ok', 'ok', 'ok', 'ok']],
  [
    'account.setLanguage',
    (w) => caller(w).account.setLanguage({ language: 'EN' }),
    ['UNAUTHORIZED', 'ok', 'ok', 'ok', 'ok', 'ok'],
  ],
  [
    'classes.create',
    (w) => caller(w).classes.create({ name: `By ${w}` }),
    ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'ok', 'ok'],
  ],
  [
    'classes.join',
    (w) => caller(w).classes.join({ joinCode: world.joinCode }),
    ['UNAUTHORIZED', 'ok', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  ],
  ['classes.list', (w) => caller(w).classes.list(), ['UNAUTHORIZED', 'ok', 'ok', 'ok', 'ok', 'ok']],
  [
    'passwordReset.issue',
    (w) => caller(w).passwordReset.issue({ userId: world.users.student.id }),
    ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'NOT_FOUND', 'ok'],
  ],
  [
    'classes.get',
    (w) => caller(w).classes.get({ classId: world.classId }),
    ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'NOT_FOUND', 'ok'],
  ],
  [
    'classes.update',
    (w) => caller(w).classes.update({ classId: world.classId, extraInstructions: 'Be kind.' }),
    ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'NOT_FOUND', 'ok'],
  ],
  [
    'conversations.create',
    (w) => caller(w).conversations.create({ mode: 'GENERAL' }),
    ['UNAUTHORIZED', 'ok', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  ],
  [
    'conversations.list',
    (w) => caller(w).conversations.list({}),
    ['UNAUTHORIZED', 'ok', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  ],
  [
    'conversations.get',
    (w) => caller(w).conversations.get({ conversationId }),
    ['UNAUTHORIZED', 'ok', 'NOT_FOUND', 'ok', 'NOT_FOUND', 'ok'],
  ],
  [
    'conversations.export',
    (w) => caller(w).conversations.export({ conversationId, format: 'json' }),
    ['UNAUTHORIZED', 'ok', 'NOT_FOUND', 'ok', 'NOT_FOUND', 'ok'],
  ],
  [
    'conversations.rename',
    (w) => caller(w).conversations.rename({ conversationId, title: 'Sums' }),
    ['UNAUTHORIZED', 'ok', 'NOT_FOUND', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  ],
  [
    'chat.stop',
    (w) => caller(w).chat.stop({ messageId: assistantMessageId }),
    ['UNAUTHORIZED', 'ok', 'NOT_FOUND', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  ],
  [
    'chat.models',
    (w) => caller(w).chat.models({ classId: world.classId }),
    ['UNAUTHORIZED', 'ok', 'ok', 'ok', 'NOT_FOUND', 'ok'],
  ],
  ['usage.today', (w) => caller(w).usage.today(), ['UNAUTHORIZED', 'ok', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN']],
  [
    'usage.daily',
    (w) => caller(w).usage.daily({ days: 7 }),
    ['UNAUTHORIZED', 'ok', 'ok', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN'],
  ],
];

describe('authorization per procedure and role', () => {
  testAuthorizationTable(WHO, cases);

  it('conversations.delete: only the owner, and others change nothing', async () => {
    const others: Who[] = ['anonymous', 'otherStudent', 'teacher', 'otherTeacher', 'admin'];
    for (const who of others) {
      expect(await outcome(() => caller(who).conversations.delete({ conversationId }))).not.toBe('ok');
    }
    expect(
      (await world.db.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).deletedAt,
    ).toBeNull();
  });

  it('account.signUp is open to anonymous callers', async () => {
    await caller('anonymous').account.signUp({
      role: 'STUDENT',
      name: 'New Student',
      email: 'new@school.test',
      password: 'a long password',
      joinCode: world.joinCode,
    });
    const user = await world.db.prisma.user.findUniqueOrThrow({ where: { email: 'new@school.test' } });
    expect(user.role).toBe('STUDENT');
    const enrolled = await world.db.prisma.enrollment.count({ where: { studentId: user.id, classId: world.classId } });
    expect(enrolled).toBe(1);
  });

  it('the chat endpoint: only the owner may send, the owner and overseers may follow', async () => {
    const sendAs = (who: Who) =>
      send(world, who === 'anonymous' ? null : world.users[who], { conversationId, content: 'hello' }).then(
        (r) => r.status,
      );
    expect(await sendAs('anonymous')).toBe(401);
    expect(await sendAs('otherStudent')).toBe(404);
    expect(await sendAs('teacher')).toBe(403);
    expect(await sendAs('admin')).toBe(403);

    const followAs = (who: Who) =>
      follow(world, who === 'anonymous' ? null : world.users[who], assistantMessageId).then((r) => r.status);
    expect(await followAs('anonymous')).toBe(401);
    expect(await followAs('otherStudent')).toBe(404);
    expect(await followAs('otherTeacher')).toBe(404);
    expect(await followAs('student')).toBe(200);
    expect(await followAs('teacher')).toBe(200);
  });
});
