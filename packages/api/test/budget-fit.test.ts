import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createWorld, replyText, send, type World } from './harness';

// Issue 9 item 2: a turn used to reserve its prompt plus the full 1,024-token reply cap, so a class with 400
// tokens a day refused every message with "You have used today's budget" though nothing was used.
let world: World;
beforeAll(async () => {
  world = await createWorld({ LUMI_CHAT_RATE_LIMIT: '1000' });
});
beforeEach(async () => {
  world.fake.reset();
  await world.db.prisma.budgetDay.deleteMany();
  await world.db.prisma.class.update({
    where: { id: world.classId },
    data: { dailyTokenBudget: 400, tutorRules: [], extraInstructions: '' },
  });
});
afterAll(() => world.close());

const newConversation = async () =>
  (await world.caller(world.users.student).conversations.create({ mode: 'GENERAL', classId: world.classId })).id;
const completions = () => world.fake.requests.filter((r) => r.path === '/v1/chat/completions');
const budgetRow = () =>
  world.db.prisma.budgetDay.findFirst({ where: { userId: world.users.student.id, scope: world.classId } });

it('a small budget answers with a reply cap fitted to what is left, and says the reply may be short', async () => {
  const id = await newConversation();
  const result = await send(world, world.users.student, { conversationId: id, content: 'One question' });
  expect(result.status).toBe(200);
  const start = result.events[0];
  if (start?.type !== 'start') throw new Error('no start event');
  expect(start.replyLimit).toBeGreaterThanOrEqual(128);
  expect(start.replyLimit).toBeLessThan(1024);
  expect(result.events.at(-1)).toMatchObject({ type: 'done', status: 'COMPLETE' });
  expect(replyText(result.events).length).toBeGreaterThan(0);

  // The upstream was asked for exactly the fitted cap, and prompt plus cap is what was left.
  const body = completions()[0]!.body as { max_tokens?: number; max_completion_tokens?: number };
  expect(body.max_completion_tokens ?? body.max_tokens).toBe(start.replyLimit);
  const usage = await world.db.prisma.usageEvent.findFirstOrThrow({ where: { messageId: start.assistantMessageId } });
  expect(usage.promptTokens + start.replyLimit!).toBe(400);
  const day = await budgetRow();
  expect(day).toMatchObject({ reservedTokens: 0, usedTokens: usage.promptTokens + usage.completionTokens });
});

it('a budget with plenty left asks for the full cap and says nothing about a short reply', async () => {
  await world.db.prisma.class.update({ where: { id: world.classId }, data: { dailyTokenBudget: 100_000 } });
  const id = await newConversation();
  const result = await send(world, world.users.student, { conversationId: id, content: 'One question' });
  const start = result.events[0];
  expect(start).toMatchObject({ type: 'start' });
  expect(start).not.toHaveProperty('replyLimit');
  const body = completions()[0]!.body as { max_tokens?: number; max_completion_tokens?: number };
  expect(body.max_completion_tokens ?? body.max_tokens).toBe(1024);
});

it('a budget that cannot hold a turn refuses before storing anything, saying exactly how many tokens are left', async () => {
  const id = await newConversation();
  // 300 of 400 spent: 100 left, fewer than any prompt plus the smallest reply.
  await world.db.prisma.budgetDay.create({
    data: { userId: world.users.student.id, scope: world.classId, day: utcToday(), usedTokens: 300 },
  });
  const result = await send(world, world.users.student, { conversationId: id, content: 'One question' });
  expect(result.status).toBe(429);
  expect(result.error).toMatchObject({ code: 'BUDGET_TOO_SMALL', tokensLeft: 100 });
  expect(result.error!.message).toContain('100 tokens left');
  expect(new Date(result.error!.resetAt!).getTime()).toBe(utcToday().getTime() + 86_400_000);
  expect(await world.db.prisma.message.count({ where: { conversationId: id } })).toBe(0);
  expect(completions()).toHaveLength(0);
  expect(await budgetRow()).toMatchObject({ usedTokens: 300, reservedTokens: 0 });
});

it('a budget with nothing left says it is used up', async () => {
  const id = await newConversation();
  await world.db.prisma.budgetDay.create({
    data: { userId: world.users.student.id, scope: world.classId, day: utcToday(), usedTokens: 400 },
  });
  const result = await send(world, world.users.student, { conversationId: id, content: 'One question' });
  expect(result.error).toMatchObject({ code: 'BUDGET_EXHAUSTED', tokensLeft: 0 });
  expect(await world.db.prisma.message.count({ where: { conversationId: id } })).toBe(0);
});

it('concurrent sends on a small budget each get a fitted cap or a refusal, and never overspend', async () => {
  await world.db.prisma.class.update({ where: { id: world.classId }, data: { dailyTokenBudget: 1_500 } });
  world.fake.setDefault({ reply: 'ok', delayMs: 20 });
  const id = await newConversation();
  const results = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      send(world, world.users.student, { conversationId: id, content: `Question ${i}` }),
    ),
  );
  const served = results.filter((r) => r.status === 200);
  expect(served.length).toBeGreaterThan(1);
  for (const r of results.filter((r) => r.status !== 200)) {
    expect(['BUDGET_TOO_SMALL', 'BUDGET_EXHAUSTED']).toContain(r.error!.code);
  }
  for (const r of served) {
    const start = r.events[0];
    if (start?.type === 'start' && start.replyLimit !== undefined) expect(start.replyLimit).toBeGreaterThanOrEqual(128);
  }
  const day = await budgetRow();
  expect(day!.reservedTokens).toBe(0);
  expect(day!.usedTokens).toBeLessThanOrEqual(1_500);
  expect(await world.db.prisma.message.count({ where: { conversationId: id, role: 'USER' } })).toBe(served.length);
});

function utcToday(): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}
