import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServices, type LumiServices, type SessionUser } from '../src';
import { createWorld, sendVia, type World } from './harness';

/**
 * A roleplay's turn limit holds when sends race for the last turn (two tabs, a script, two nodes): the check and
 * the turn's claim are one conditional update on the attempt, so exactly one passes. A send refused after it claimed
 * its turn gives the turn back at once; only a claim whose send never came back holds it, and only for a while.
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

/** The claims an attempt's row holds (on their way or lapsed). */
const claimsOf = async (attemptId: string) =>
  (await world.db.prisma.practiceAttempt.findUniqueOrThrow({ where: { id: attemptId } })).turnClaims.length;

/**
 * After a refused send: no claim is left on the attempt, and the learner's next send (on the other node, at once)
 * takes the last turn.
 */
async function expectLastTurnFree(learner: SessionUser, conversationId: string, attemptId: string, limit: number) {
  expect(await claimsOf(attemptId)).toBe(0);
  expect(await sendOn(nodes[1], learner, conversationId, 'My last turn')).toMatchObject({ status: 200 });
  await Promise.all(nodes.map((node) => node.generations.drain()));
  expect(await learnerTurns(conversationId)).toBe(limit);
}

/** A student of the world's class of their own, so each test's budget and rate limit start fresh. */
async function newLearner(key: string): Promise<SessionUser> {
  const user = await world.db.prisma.user.create({
    data: { email: `${key}@school.test`, name: key, role: 'STUDENT' },
  });
  await world.db.prisma.enrollment.create({ data: { classId: world.classId, studentId: user.id } });
  return { id: user.id, role: user.role, name: user.name };
}

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

it('a turn refused after its claim (moderation down, the class fails closed) gives the last turn back at once', async () => {
  const learner = world.users.otherStudent;
  const { attempt, limit } = await atLastTurn(learner);
  await world.db.prisma.class.update({ where: { id: world.classId }, data: { moderationFailClosed: true } });
  world.fake.enqueueModeration({ fault: 'drop_connection' });
  expect(await sendOn(nodes[0], learner, attempt.conversationId!, 'My last turn')).toMatchObject({
    status: 503,
    code: 'MODERATION_UNAVAILABLE',
  });
  await world.db.prisma.class.update({ where: { id: world.classId }, data: { moderationFailClosed: false } });
  await expectLastTurnFree(learner, attempt.conversationId!, attempt.id, limit);
  expect(await sendOn(nodes[0], learner, attempt.conversationId!, 'One more')).toMatchObject({
    code: 'EXERCISE_FINISHED',
  });
});

it("at the last turn, a send today's budget cannot hold leaves that turn free for the next send", async () => {
  const learner = await newLearner('budget');
  const { attempt, limit } = await atLastTurn(learner);
  await world.db.prisma.class.update({ where: { id: world.classId }, data: { dailyTokenBudget: 1 } });
  const refused = await sendOn(nodes[0], learner, attempt.conversationId!, 'My last turn');
  await world.db.prisma.class.update({ where: { id: world.classId }, data: { dailyTokenBudget: 1_000_000 } });
  expect(['BUDGET_EXHAUSTED', 'BUDGET_TOO_SMALL']).toContain(refused.code);
  await expectLastTurnFree(learner, attempt.conversationId!, attempt.id, limit);
});

it('at the last turn, a send refused by the rate limit leaves that turn free for the next send', async () => {
  const learner = await newLearner('hasty');
  const { attempt, limit } = await atLastTurn(learner);
  // A node whose rate limit the turns already taken have used up.
  const strict = createServices(
    { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: world.fake.url },
    { db: world.db.prisma, chatRateLimit: 1 },
  );
  expect(await sendOn(strict, learner, attempt.conversationId!, 'My last turn')).toMatchObject({
    status: 429,
    code: 'RATE_LIMITED',
  });
  await expectLastTurnFree(learner, attempt.conversationId!, attempt.id, limit);
});

it('a claim whose send never came back (its node died) holds the last turn only for a while', async () => {
  const learner = await newLearner('orphan');
  const { attempt, limit } = await atLastTurn(learner);
  await world.db.prisma.$executeRaw`
    UPDATE "PracticeAttempt" SET "turnClaims" = ARRAY[now()::timestamp(3)] WHERE "id" = ${attempt.id}`;
  // The claim might still be a send on its way: another send waits...
  expect(await sendOn(nodes[1], learner, attempt.conversationId!, 'My last turn')).toMatchObject({
    status: 429,
    code: 'RATE_LIMITED',
  });
  expect(await learnerTurns(attempt.conversationId!)).toBe(limit - 1);
  // ...until the claim has lapsed (it was made over a minute ago): then the last turn is the learner's.
  await world.db.prisma.$executeRaw`
    UPDATE "PracticeAttempt" SET "turnClaims" = ARRAY(SELECT c - interval '61 seconds' FROM unnest("turnClaims") c)
    WHERE "id" = ${attempt.id}`;
  expect(await sendOn(nodes[1], learner, attempt.conversationId!, 'My last turn')).toMatchObject({ status: 200 });
  await Promise.all(nodes.map((node) => node.generations.drain()));
  expect(await learnerTurns(attempt.conversationId!)).toBe(limit);
});
