import { countTokens } from '@lumi/chat-core';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createWorld, replyText, send, type World } from './harness';

// Issue 11 item 4: a reply was only as short as the upstream chose. A 16-token cap against an upstream that
// ignores max_tokens and writes 400 tokens overspent a 5,000-token budget to 6,730.
let world: World;
beforeAll(async () => {
  world = await createWorld({ LUMI_CHAT_RATE_LIMIT: '1000' });
  await world.db.prisma.class.update({ where: { id: world.classId }, data: { dailyTokenBudget: 5_000 } });
});
afterAll(() => world.close());
beforeEach(async () => {
  world.fake.reset();
  await world.db.prisma.budgetDay.deleteMany();
});

/** About 400 tokens of tutor text. */
const LONG_REPLY = Array.from({ length: 40 }, (_, i) => `Step ${i + 1}: multiply both sides by the same number.`).join(
  ' ',
);
const newConversation = async () =>
  (await world.caller(world.users.student).conversations.create({ mode: 'GENERAL', classId: world.classId })).id;
const completions = () => world.fake.requests.filter((r) => r.path === '/v1/chat/completions');

it('cuts a reply at exactly its cap when the upstream ignores max_tokens, aborts the upstream and charges no more', async () => {
  expect(countTokens(LONG_REPLY, 'gpt-4o-mini')).toBeGreaterThanOrEqual(400);
  for (const chunkSize of [undefined, 4, LONG_REPLY.length]) {
    world.fake.enqueue({ reply: LONG_REPLY, ignoreMaxTokens: true, delayMs: 1, ...(chunkSize && { chunkSize }) });
    const id = await newConversation();
    const result = await send(world, world.users.student, {
      conversationId: id,
      content: 'Solve 2x = 6',
      maxTokens: 16,
    });
    const start = result.events[0];
    if (start?.type !== 'start') throw new Error(`no start event: ${JSON.stringify(result)}`);
    const text = replyText(result.events);
    expect(countTokens(text, 'gpt-4o-mini')).toBe(16);
    expect(LONG_REPLY.startsWith(text)).toBe(true);
    const done = result.events.at(-1);
    expect(done).toMatchObject({ type: 'done', status: 'COMPLETE', finishReason: 'length' });
    if (done?.type !== 'done') throw new Error('no done event');
    expect(done.usage.completionTokens).toBe(16);

    const reply = await world.db.prisma.message.findUniqueOrThrow({ where: { id: start.assistantMessageId } });
    expect(reply).toMatchObject({ status: 'COMPLETE', finishReason: 'length', content: text, reservedTokens: 0 });
    const usage = await world.db.prisma.usageEvent.findFirstOrThrow({ where: { messageId: reply.id } });
    expect(usage.completionTokens).toBe(16);
    // The upstream was asked for 16 tokens and, while it was still writing, hung up on once they arrived.
    const request = completions().at(-1)!;
    expect((request.body as { max_tokens?: number }).max_tokens).toBe(16);
    if (chunkSize !== LONG_REPLY.length) await expect.poll(() => request.clientClosed).toBe(true);
  }
});

it('keeps a 5,000-token budget at 5,000 however many 16-token turns an upstream stretches', async () => {
  world.fake.setDefault({ reply: LONG_REPLY, ignoreMaxTokens: true, chunkSize: 40 });
  const id = await newConversation();
  let refused = null;
  for (let turn = 0; turn < 60 && !refused; turn++) {
    const result = await send(world, world.users.student, {
      conversationId: id,
      content: `Question ${turn}`,
      maxTokens: 16,
    });
    if (result.status !== 200) refused = result.error;
  }
  expect(refused?.code).toMatch(/^BUDGET_(TOO_SMALL|EXHAUSTED)$/);
  const day = await world.db.prisma.budgetDay.findFirstOrThrow({
    where: { userId: world.users.student.id, scope: world.classId },
  });
  expect(day.reservedTokens).toBe(0);
  expect(day.usedTokens).toBeLessThanOrEqual(5_000);
  const replies = await world.db.prisma.usageEvent.findMany({ where: { conversationId: id } });
  expect(replies.length).toBeGreaterThan(10);
  for (const reply of replies) expect(reply.completionTokens).toBe(16);
});
