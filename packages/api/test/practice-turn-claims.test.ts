import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServices, type LumiServices, type SessionUser } from '../src';
import { createWorld, sendVia, type World } from './harness';

/**
 * A roleplay's turn limit holds when sends race for the last turn (two tabs, a script, two nodes): the check and
 * the turn's claim are one conditional update on the attempt, so exactly one passes.
 */
let world: World;
let nodes: [LumiServices, LumiServices];
beforeAll(async () => {
  world = await createWorld();
  const env = { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: world.fake.url, LUMI_PROVIDER_RETRIES: '0' };
  nodes = [
    createServices(env, { db: world.db.prisma, chatRateLimit: 10_000 }),
    createServices(env, { db: world.otherNode(), chatRateLimit: 10_000 }),
  ];
});
afterAll(async () => {
  await Promise.all(nodes.map((node) => node.generations.drain()));
  await world.close();
});

async function sendOn(node: LumiServices, user: SessionUser, conversationId: string, content: string) {
  const { status, error } = await sendVia(node, user, { conversationId, content });
  return { status, code: error?.code ?? null };
}

/** A roleplay ("end only" feedback, so no cards) with all but its last turn taken. */
async function atLastTurn(user: SessionUser) {
  const attempt = await world.caller(user).practice.start({
    source: { kind: 'builtin', id: 'en-cafe-order' },
    classId: world.classId,
    feedback: 'end_only',
  });
  const limit = attempt.scenario!.turnLimit;
  for (let i = 0; i < limit - 1; i++) {
    expect(await sendOn(nodes[i % 2]!, user, attempt.conversationId!, `Turn ${i}, a coffee please.`)).toMatchObject({
      status: 200,
    });
  }
  await Promise.all(nodes.map((node) => node.generations.drain()));
  return { attempt, limit };
}

const learnerTurns = (conversationId: string) =>
  world.db.prisma.message.count({ where: { conversationId, role: 'USER', supersededAt: null } });

it('20 sends racing for the last turn on two nodes: exactly one passes', async () => {
  const learner = world.users.student;
  const { attempt, limit } = await atLastTurn(learner);
  const results = await Promise.all(
    Array.from({ length: 20 }, (_, i) => sendOn(nodes[i % 2]!, learner, attempt.conversationId!, `Last turn ${i}`)),
  );
  expect(results.filter((r) => r.status === 200)).toHaveLength(1);
  for (const refused of results.filter((r) => r.status !== 200)) {
    expect(['RATE_LIMITED', 'TURN_LIMIT_REACHED', 'EXERCISE_FINISHED']).toContain(refused.code);
  }
  await Promise.all(nodes.map((node) => node.generations.drain()));
  expect(await learnerTurns(attempt.conversationId!)).toBe(limit);
  const view = await world.caller(learner).practice.attempt({ attemptId: attempt.id });
  expect(view).toMatchObject({ status: 'FINISHED', endReason: 'TURN_LIMIT', turnsTaken: limit });
});

it('a turn refused after its claim holds the last turn only for a while, and never counts as taken', async () => {
  const learner = world.users.otherStudent;
  const { attempt, limit } = await atLastTurn(learner);
  // The class fails closed: with moderation down, the last turn is refused after it claimed its turn.
  await world.db.prisma.class.update({ where: { id: world.classId }, data: { moderationFailClosed: true } });
  world.fake.enqueueModeration({ fault: 'drop_connection' });
  expect(await sendOn(nodes[0], learner, attempt.conversationId!, 'My last turn')).toMatchObject({
    status: 503,
    code: 'MODERATION_UNAVAILABLE',
  });
  // The claim might still be a send on its way: another send waits...
  expect(await sendOn(nodes[1], learner, attempt.conversationId!, 'My last turn')).toMatchObject({
    status: 429,
    code: 'RATE_LIMITED',
  });
  expect(await learnerTurns(attempt.conversationId!)).toBe(limit - 1);
  expect((await world.db.prisma.practiceAttempt.findUniqueOrThrow({ where: { id: attempt.id } })).status).toBe(
    'IN_PROGRESS',
  );
  // ...until the claim has lapsed (it was made over a minute ago): then the last turn is the learner's.
  await world.db.prisma.$executeRaw`
    UPDATE "PracticeAttempt" SET "turnClaims" = ARRAY(SELECT c - interval '61 seconds' FROM unnest("turnClaims") c)
    WHERE "id" = ${attempt.id}`;
  expect(await sendOn(nodes[1], learner, attempt.conversationId!, 'My last turn')).toMatchObject({ status: 200 });
  await Promise.all(nodes.map((node) => node.generations.drain()));
  expect(await learnerTurns(attempt.conversationId!)).toBe(limit);
  expect(await sendOn(nodes[0], learner, attempt.conversationId!, 'One more')).toMatchObject({
    code: 'EXERCISE_FINISHED',
  });
});
