import { countTokens } from '@lumi/chat-core';
import { createPrismaClient, poolOf } from '@lumi/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  appRouter,
  createCallerFactory,
  createContext,
  createServices,
  listenForStops,
  sweepOrphanedReplies,
  type TurnEvent,
} from '../src';
import { createWorld, follow, openStream, replyText, type World } from './harness';

// Two app nodes on one database: everything shared lives in Postgres, so they behave as one.
let world: World;
let nodeB: ReturnType<typeof createServices>;
beforeAll(async () => {
  world = await createWorld();
  nodeB = createServices({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: world.fake.url }, { db: world.db.prisma });
});
afterAll(() => world.close());

const budgetRow = () => world.db.prisma.budgetDay.findFirstOrThrow({ where: { userId: world.users.student.id } });

const LAST_WORD = 'w40';

/** Starts a slow reply on node A (world.services); returns its id and the student's live stream. */
async function slowReplyOnNodeA() {
  const { id } = await world
    .caller(world.users.student)
    .conversations.create({ mode: 'GENERAL', classId: world.classId });
  // Ten seconds of words: a Stop that works ends it long before LAST_WORD, however loaded the machine.
  world.fake.enqueue({ reply: Array.from({ length: 40 }, (_, i) => `w${i + 1}`).join(' '), delayMs: 250 });
  const stream = await openStream(world, world.users.student, { conversationId: id, content: 'Talk slowly' });
  const start = await stream.next();
  const assistantMessageId = start?.type === 'start' ? start.assistantMessageId : '';
  const first = await stream.next();
  return { assistantMessageId, stream, seen: first?.type === 'delta' ? first.text : '' };
}

async function rest(stream: Awaited<ReturnType<typeof openStream>>) {
  const events: TurnEvent[] = [];
  for (let event = await stream.next(); event; event = await stream.next()) events.push(event);
  return events;
}

const stopThroughNodeB = (messageId: string) =>
  createCallerFactory(appRouter)(createContext(nodeB, world.users.student)).chat.stop({ messageId });

it('a Stop asked through another node halts the reply at once and keeps exactly what the student saw', async () => {
  const stops = listenForStops(world.services);
  await stops.ready;
  try {
    const { assistantMessageId, stream, seen } = await slowReplyOnNodeA();
    // Between two of node A's flushes (every second), so the database lags what the student has seen.
    await new Promise((resolve) => setTimeout(resolve, 1600));
    const asked = performance.now();
    const stopped = await stopThroughNodeB(assistantMessageId);
    expect(performance.now() - asked).toBeLessThan(1000);

    const events = await rest(stream);
    expect(events.at(-1)).toMatchObject({ type: 'done', status: 'STOPPED' });
    const reply = await world.db.prisma.message.findUniqueOrThrow({ where: { id: assistantMessageId } });
    expect(reply.status).toBe('STOPPED');
    expect(reply.content).toBe(seen + replyText(events));
    expect(stopped.content).toBe(reply.content);
    expect(reply.content).not.toContain(LAST_WORD);
    const usage = await world.db.prisma.usageEvent.findMany({ where: { messageId: assistantMessageId } });
    expect(usage).toHaveLength(1);
    expect((await budgetRow()).reservedTokens).toBe(0);
  } finally {
    await stops.close();
  }
});

it('a reply on a node that does not hear the Stop is still stopped, keeping its saved text and releasing its budget', async () => {
  const { assistantMessageId, stream } = await slowReplyOnNodeA();
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const stopped = await stopThroughNodeB(assistantMessageId);
  expect(stopped.status).toBe('STOPPED');
  expect(stopped.content.length).toBeGreaterThan(0);

  await rest(stream);
  await world.services.generations.drain();
  const reply = await world.db.prisma.message.findUniqueOrThrow({ where: { id: assistantMessageId } });
  expect(reply.status).toBe('STOPPED');
  expect(reply.content).not.toContain(LAST_WORD);
  const usage = await world.db.prisma.usageEvent.findMany({ where: { messageId: assistantMessageId } });
  expect(usage).toHaveLength(1);
  expect((await budgetRow()).reservedTokens).toBe(0);
});

/**
 * A new conversation of the student's with replies left STREAMING (their text, reserved and prompt tokens), their
 * reservations added to today's budget row; returns the replies and that row as it was before.
 */
async function streamingReplies(replies: Array<{ content: string; reserved: number; prompt: number }>) {
  const conversation = await world.db.prisma.conversation.create({
    data: { studentId: world.users.student.id, classId: world.classId, model: 'gpt-4o-mini' },
  });
  const before = await budgetRow();
  await world.db.prisma.budgetDay.update({
    where: { userId_scope_day: { userId: before.userId, scope: before.scope, day: before.day } },
    data: { reservedTokens: { increment: replies.reduce((sum, r) => sum + r.reserved, 0) } },
  });
  const made = [];
  for (const reply of replies) {
    made.push(
      await world.db.prisma.message.create({
        data: {
          conversationId: conversation.id,
          role: 'ASSISTANT',
          content: reply.content,
          tokenCount: 0,
          model: 'gpt-4o-mini',
          status: 'STREAMING',
          reservedTokens: reply.reserved,
          promptTokens: reply.prompt,
          createdAt: before.day,
        },
      }),
    );
  }
  return { before, replies: made };
}

/** A reply its node last wrote ten minutes ago: that node is gone. */
const abandon = (messageId: string) =>
  world.db.prisma.$executeRaw`UPDATE "Message" SET "updatedAt" = now() - interval '10 minutes' WHERE id = ${messageId}`;

it('a reply orphaned by a node that went away is closed on return, keeping its text and releasing its budget', async () => {
  const {
    before,
    replies: [orphan],
  } = await streamingReplies([{ content: 'Half a thought', reserved: 900, prompt: 150 }]);
  await abandon(orphan!.id);

  const { events } = await follow(world, world.users.student, orphan!.id);
  expect(replyText(events)).toBe('Half a thought');
  expect(events.at(-1)).toMatchObject({ type: 'error', code: 'INTERRUPTED', retryable: true });
  expect((await world.db.prisma.message.findUniqueOrThrow({ where: { id: orphan!.id } })).status).toBe('ERROR');
  // What the dead node generated is charged: the prompt stored at open and Lumi's count of the saved text.
  const charged = 150 + countTokens('Half a thought', 'gpt-4o-mini');
  const after = await budgetRow();
  expect(after.reservedTokens).toBe(before.reservedTokens);
  expect(after.usedTokens).toBe(before.usedTokens + charged);
  const usage = await world.db.prisma.usageEvent.findUniqueOrThrow({ where: { messageId: orphan!.id } });
  expect(usage.promptTokens + usage.completionTokens).toBe(charged);
});

it('replies orphaned by a node that died are swept by the live nodes: closed once, text kept, reservation released once', async () => {
  // 900 reserved by the dead node's reply, 300 by a reply another node is writing right now.
  const {
    before,
    replies: [orphan, alive],
  } = await streamingReplies([
    { content: 'Half a thought', reserved: 900, prompt: 200 },
    { content: 'Still going', reserved: 300, prompt: 0 },
  ]);
  await abandon(orphan!.id);

  // Both live nodes sweep at the same moment; no student ever comes back to the reply.
  const closed = await Promise.all([sweepOrphanedReplies(world.services), sweepOrphanedReplies(nodeB)]);
  expect(closed[0] + closed[1]).toBe(1);

  const swept = await world.db.prisma.message.findUniqueOrThrow({ where: { id: orphan!.id } });
  expect(swept).toMatchObject({
    status: 'ERROR',
    errorCode: 'INTERRUPTED',
    content: 'Half a thought',
    reservedTokens: 0,
  });
  expect((await world.db.prisma.message.findUniqueOrThrow({ where: { id: alive!.id } })).status).toBe('STREAMING');
  const after = await budgetRow();
  expect(after.reservedTokens).toBe(before.reservedTokens + 300);
  // Charged once: the prompt stored at open and Lumi's count of the saved text.
  const completionTokens = countTokens('Half a thought', 'gpt-4o-mini');
  expect(after.usedTokens).toBe(before.usedTokens + 200 + completionTokens);
  const usage = await world.db.prisma.usageEvent.findMany({ where: { messageId: orphan!.id } });
  expect(usage).toMatchObject([{ kind: 'CHAT', promptTokens: 200, completionTokens, cachedTokens: 0 }]);
  expect(usage[0]!.costMicros).toBeGreaterThan(0);
  // A later sweep finds nothing more to do.
  expect(await sweepOrphanedReplies(nodeB)).toBe(0);
});

it('a node killed mid-reply: a live node closes its reply with the text it saved and charges it once', async () => {
  // Node C generates the reply, then dies: its connections go and it never writes again.
  const nodeCdb = createPrismaClient(world.db.url);
  const nodeC = createServices({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: world.fake.url }, { db: nodeCdb });
  const { id: conversationId } = await world
    .caller(world.users.student)
    .conversations.create({ mode: 'GENERAL', classId: world.classId });
  world.fake.enqueue({ reply: Array.from({ length: 40 }, (_, i) => `w${i + 1}`).join(' '), delayMs: 100 });
  const before = await world.db.prisma.budgetDay.findFirst({ where: { userId: world.users.student.id } });
  const stream = await openStream({ ...world, services: nodeC }, world.users.student, {
    conversationId,
    content: 'Talk slowly',
  });
  const start = await stream.next();
  const assistantMessageId = start?.type === 'start' ? start.assistantMessageId : '';
  // Past a flush (every second), so some of the text reached the database.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const opened = await world.db.prisma.message.findUniqueOrThrow({ where: { id: assistantMessageId } });
  expect(opened.promptTokens).toBeGreaterThan(0);
  await poolOf(nodeCdb).end();
  nodeC.generations.get(assistantMessageId)?.stop();
  await nodeC.generations.drain().catch(() => {});
  await stream.cancel();

  const left = await world.db.prisma.message.findUniqueOrThrow({ where: { id: assistantMessageId } });
  expect(left.status).toBe('STREAMING');
  expect(left.content.length).toBeGreaterThan(0);
  expect(await world.db.prisma.usageEvent.count({ where: { messageId: assistantMessageId } })).toBe(0);
  // Time passes without a word from node C; both live nodes sweep at once.
  await world.db.prisma
    .$executeRaw`UPDATE "Message" SET "updatedAt" = now() - interval '10 minutes' WHERE id = ${assistantMessageId}`;
  const closed = await Promise.all([sweepOrphanedReplies(world.services), sweepOrphanedReplies(nodeB)]);
  expect(closed[0] + closed[1]).toBe(1);

  const reply = await world.db.prisma.message.findUniqueOrThrow({ where: { id: assistantMessageId } });
  expect(reply).toMatchObject({ status: 'ERROR', errorCode: 'INTERRUPTED', content: left.content, reservedTokens: 0 });
  const usage = await world.db.prisma.usageEvent.findMany({ where: { messageId: assistantMessageId } });
  const completionTokens = countTokens(left.content, 'gpt-4o-mini');
  expect(usage).toMatchObject([{ promptTokens: opened.promptTokens, completionTokens }]);
  const after = await budgetRow();
  expect(after.usedTokens).toBe((before?.usedTokens ?? 0) + opened.promptTokens + completionTokens);
  expect(after.reservedTokens).toBe(before?.reservedTokens ?? 0);
  const ledgers = await world.db.prisma.spendLedger.findMany();
  expect(ledgers.filter((l) => l.dayReservedMicros !== 0n)).toEqual([]);
});
