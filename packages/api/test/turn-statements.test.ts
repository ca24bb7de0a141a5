import { afterAll, beforeAll, expect, it } from 'vitest';
import { countMessageTokens } from '@lumi/chat-core';
import { createWorld, send, type World } from './harness';

// The turn's statements (src/chat/store/*.ts) must leave the same rows Prisma would.
let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.close());

const newConversation = () =>
  world.caller(world.users.student).conversations.create({ mode: 'GENERAL', classId: world.classId });

it('the first send titles the conversation and later sends keep the title; the rows are complete', async () => {
  const { id } = await newConversation();
  const first = await send(world, world.users.student, { conversationId: id, content: 'Fractions\nmore text' });
  expect(first.status).toBe(200);
  await send(world, world.users.student, { conversationId: id, content: 'Decimals' });

  const conversation = await world.db.prisma.conversation.findUniqueOrThrow({ where: { id } });
  expect(conversation.title).toBe('Fractions');
  const messages = await world.db.prisma.message.findMany({ where: { conversationId: id }, orderBy: { seq: 'asc' } });
  expect(messages.map((m) => [m.role, m.status, m.reservedTokens])).toEqual([
    ['USER', 'COMPLETE', 0],
    ['ASSISTANT', 'COMPLETE', 0],
    ['USER', 'COMPLETE', 0],
    ['ASSISTANT', 'COMPLETE', 0],
  ]);
  for (const m of messages) {
    expect(m.id).toMatch(/^c[0-9a-z]{24}$/);
    expect(m.tokenCount).toBeGreaterThan(0);
    expect(m.updatedAt.getTime()).toBeGreaterThanOrEqual(m.createdAt.getTime() - 1000);
  }
  expect(conversation.lastMessageAt.getTime()).toBeGreaterThanOrEqual(messages[0]!.createdAt.getTime() - 1000);
});

it('a send the budget cannot hold stores nothing, says how many tokens are left, and sending it again does too', async () => {
  const { id } = await newConversation();
  await world.db.prisma.class.update({ where: { id: world.classId }, data: { dailyTokenBudget: 10 } });
  // The tests above spent from the class's budget today: start this one with nothing used.
  await world.db.prisma.budgetDay.deleteMany({ where: { userId: world.users.student.id } });
  try {
    const clientId = crypto.randomUUID();
    const first = await send(world, world.users.student, { conversationId: id, clientId, content: 'Hello' });
    expect(first.status).toBe(429);
    expect(first.error).toMatchObject({ code: 'BUDGET_TOO_SMALL', tokensLeft: 10 });
    const again = await send(world, world.users.student, { conversationId: id, clientId, content: 'Hello' });
    expect(again.error).toMatchObject({ code: 'BUDGET_TOO_SMALL', tokensLeft: 10 });
    expect(await world.db.prisma.message.count({ where: { conversationId: id } })).toBe(0);
    const conversation = await world.db.prisma.conversation.findUniqueOrThrow({ where: { id } });
    expect(conversation.title).toBe('New session');
  } finally {
    await world.db.prisma.class.update({ where: { id: world.classId }, data: { dailyTokenBudget: 1_000_000 } });
  }
});

it('someone else’s conversation is not found and nothing is stored in it', async () => {
  const { id } = await newConversation();
  const other = await send(world, world.users.otherStudent, { conversationId: id, content: 'Hi' });
  expect(other.status).toBe(404);
  expect(await world.db.prisma.message.count({ where: { conversationId: id } })).toBe(0);
});

it('a plain send on a model with another tokenizer stores the message counted for that model', async () => {
  await world.db.prisma.class.update({
    where: { id: world.classId },
    data: { allowedModels: ['gpt-4o-mini', 'gpt-4o', 'gpt-3.5-turbo'] },
  });
  try {
    const { id } = await newConversation();
    await world.db.prisma.conversation.update({ where: { id }, data: { model: 'gpt-3.5-turbo' } });
    const content = 'Wie viele Beine hat eine Spinne? 🕷️ And in Chinese: 蜘蛛有几条腿？';
    const result = await send(world, world.users.student, { conversationId: id, content });
    expect(result.status).toBe(200);
    const sent = await world.db.prisma.message.findFirstOrThrow({ where: { conversationId: id, role: 'USER' } });
    expect(sent.model).toBe('gpt-3.5-turbo');
    expect(sent.tokenCount).toBe(countMessageTokens({ role: 'user', content }, 'gpt-3.5-turbo'));
    expect(sent.tokenCount).not.toBe(countMessageTokens({ role: 'user', content }, 'gpt-4o-mini'));
  } finally {
    await world.db.prisma.class.update({
      where: { id: world.classId },
      data: { allowedModels: ['gpt-4o-mini', 'gpt-4o'] },
    });
  }
});
