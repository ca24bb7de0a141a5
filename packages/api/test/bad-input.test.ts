import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, send, type World } from './harness';

let world: World;
let conversationId: string;
beforeAll(async () => {
  world = await createWorld();
  conversationId = (await world.caller(world.users.student).conversations.create({ mode: 'GENERAL' })).id;
});
afterAll(() => world.close());

/** Row counts of every table a procedure could touch. */
async function snapshot() {
  const db = world.db.prisma;
  const [users, classes, enrollments, conversations, messages, usage, budget] = await Promise.all([
    db.user.count(),
    db.class.count(),
    db.enrollment.count(),
    db.conversation.findMany({ select: { id: true, title: true, deletedAt: true }, orderBy: { id: 'asc' } }),
    db.message.count(),
    db.usageEvent.count(),
    db.budgetDay.count(),
  ]);
  const klass = await db.class.findUniqueOrThrow({ where: { id: world.classId } });
  return { users, classes, enrollments, conversations, messages, usage, budget, klass };
}

async function rejectsClearly(run: () => Promise<unknown>) {
  const before = await snapshot();
  const error = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'expected the call to be rejected').toBeInstanceOf(TRPCError);
  const trpc = error as TRPCError;
  expect(['BAD_REQUEST', 'NOT_FOUND']).toContain(trpc.code);
  expect(trpc.message.length).toBeGreaterThan(5);
  expect(trpc.message).not.toMatch(/prisma|stack|undefined|\bat \w+ \(/i);
  expect(await snapshot()).toEqual(before);
}

const student = () => world.caller(world.users.student);
const teacher = () => world.caller(world.users.teacher);
const anonymous = () => world.caller(null);

describe('bad input gets a clear error and changes nothing', () => {
  const cases: Array<[string, () => Promise<unknown>]> = [
    [
      'signUp: bad email',
      () => anonymous().account.signUp({ role: 'TEACHER', name: 'T', email: 'not-an-email', password: 'long enough' }),
    ],
    [
      'signUp: short password',
      () => anonymous().account.signUp({ role: 'TEACHER', name: 'T', email: 't2@school.test', password: 'short' }),
    ],
    [
      'signUp: unknown join code',
      () =>
        anonymous().account.signUp({
          role: 'STUDENT',
          name: 'S',
          email: 's9@school.test',
          password: 'long enough',
          joinCode: 'NOPE99',
        }),
    ],
    [
      'signUp: wrong role',
      () =>
        anonymous().account.signUp({
          role: 'ADMIN',
          name: 'A',
          email: 'a2@school.test',
          password: 'long enough',
        } as never),
    ],
    ['setLanguage: unknown language', () => student().account.setLanguage({ language: 'FR' as never })],
    ['classes.create: empty name', () => teacher().classes.create({ name: '  ' })],
    ['classes.create: negative budget', () => teacher().classes.create({ name: 'X', dailyTokenBudget: -5 })],
    ['classes.create: unknown model', () => teacher().classes.create({ name: 'X', allowedModels: ['gpt-99'] })],
    [
      'classes.update: huge instructions',
      () => teacher().classes.update({ classId: world.classId, extraInstructions: 'x'.repeat(5000) }),
    ],
    [
      'classes.update: fractional budget',
      () => teacher().classes.update({ classId: world.classId, dailyTokenBudget: 1.5 }),
    ],
    ['classes.join: malformed code', () => student().classes.join({ joinCode: 'a b' })],
    ['classes.join: unknown code', () => student().classes.join({ joinCode: 'ZZZZ99' })],
    ['conversations.create: custom without persona', () => student().conversations.create({ mode: 'CUSTOM' })],
    ['conversations.create: unknown mode', () => student().conversations.create({ mode: 'POETRY' as never })],
    [
      'conversations.create: class not joined',
      () => student().conversations.create({ mode: 'GENERAL', classId: 'c_missing' }),
    ],
    ['conversations.list: limit too large', () => student().conversations.list({ limit: 10_000 })],
    ['conversations.rename: empty title', () => student().conversations.rename({ conversationId, title: '' })],
    ['conversations.rename: unknown id', () => student().conversations.rename({ conversationId: 'nope', title: 'Hi' })],
    [
      'conversations.export: unknown format',
      () => student().conversations.export({ conversationId, format: 'pdf' as never }),
    ],
    ['conversations.delete: unknown id', () => student().conversations.delete({ conversationId: 'nope' })],
    ['chat.stop: unknown message', () => student().chat.stop({ messageId: 'nope' })],
    ['usage.daily: zero days', () => student().usage.daily({ days: 0 })],
    ['usage.daily: a year', () => student().usage.daily({ days: 365 })],
    ['chat.models: unknown class', () => student().chat.models({ classId: 'nope' })],
  ];
  for (const [name, run] of cases) it(name, () => rejectsClearly(run));

  it('the chat endpoint rejects malformed bodies with 400 and stores nothing', async () => {
    const before = await snapshot();
    const bodies = [
      { conversationId, content: '' },
      { conversationId, content: 'x'.repeat(20_001) },
      { conversationId, content: 'hi', clientId: 'not-a-uuid' },
      { conversationId, content: 'hi', kind: 'explode' },
      { conversationId, content: 'hi', maxTokens: -1 },
      { conversationId: '', content: 'hi' },
    ];
    for (const body of bodies) {
      const result = await send(world, world.users.student, body);
      expect(result.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(result.error!.message.length).toBeGreaterThan(5);
    }
    const garbage = await (
      await import('../src')
    ).handleSendMessage(
      new Request('http://lumi.test/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{not json',
      }),
      world.services,
      world.users.student,
    );
    expect(garbage.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });
});
