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

it('a reply orphaned by a node that went away is closed on return, keeping its text and releasing its budget', async () => {
  const conversation = await world.db.prisma.conversation.create({
    data: { studentId: world.users.student.id, classId: world.classId, model: 'gpt-4o-mini' },
  });
  const before = await budgetRow();
  await world.db.prisma.budgetDay.update({
    where: { userId_scope_day: { userId: before.userId, scope: before.scope, day: before.day } },
    data: { reservedTokens: { increment: 900 } },
  });
  const orphan = await world.db.prisma.message.create({
    data: {
      conversationId: conversation.id,
      role: 'ASSISTANT',
      content: 'Half a thought',
      tokenCount: 0,
      model: 'gpt-4o-mini',
      status: 'STREAMING',
      reservedTokens: 900,
      createdAt: before.day,
    },
  });
  await world.db.prisma
    .$executeRaw`UPDATE "Message" SET "updatedAt" = now() - interval '10 minutes' WHERE id = ${orphan.id}`;

  const { events } = await follow(world, world.users.student, orphan.id);
  expect(replyText(events)).toBe('Half a thought');
  expect(events.at(-1)).toMatchObject({ type: 'error', code: 'INTERRUPTED', retryable: true });
  expect((await world.db.prisma.message.findUniqueOrThrow({ where: { id: orphan.id } })).status).toBe('ERROR');
  expect((await budgetRow()).reservedTokens).toBe(before.reservedTokens);
});

it('replies orphaned by a node that died are swept by the live nodes: closed once, text kept, reservation released once', async () => {
  const conversation = await world.db.prisma.conversation.create({
    data: { studentId: world.users.student.id, classId: world.classId, model: 'gpt-4o-mini' },
  });
  const before = await budgetRow();
  // 900 reserved by the dead node's reply, 300 by a reply another node is writing right now.
  await world.db.prisma.budgetDay.update({
    where: { userId_scope_day: { userId: before.userId, scope: before.scope, day: before.day } },
    data: { reservedTokens: { increment: 1200 } },
  });
  const streaming = (content: string, reservedTokens: number) =>
    world.db.prisma.message.create({
      data: {
        conversationId: conversation.id,
        role: 'ASSISTANT',
        content,
        tokenCount: 0,
        model: 'gpt-4o-mini',
        status: 'STREAMING',
        reservedTokens,
        createdAt: before.day,
      },
    });
  const orphan = await streaming('Half a thought', 900);
  const alive = await streaming('Still going', 300);
  await world.db.prisma
    .$executeRaw`UPDATE "Message" SET "updatedAt" = now() - interval '10 minutes' WHERE id = ${orphan.id}`;

  // Both live nodes sweep at the same moment; no student ever comes back to the reply.
  const closed = await Promise.all([sweepOrphanedReplies(world.services), sweepOrphanedReplies(nodeB)]);
  expect(closed[0] + closed[1]).toBe(1);

  const swept = await world.db.prisma.message.findUniqueOrThrow({ where: { id: orphan.id } });
  expect(swept).toMatchObject({
    status: 'ERROR',
    errorCode: 'INTERRUPTED',
    content: 'Half a thought',
    reservedTokens: 0,
  });
  expect((await world.db.prisma.message.findUniqueOrThrow({ where: { id: alive.id } })).status).toBe('STREAMING');
  const after = await budgetRow();
  expect(after.reservedTokens).toBe(before.reservedTokens + 300);
  expect(after.usedTokens).toBe(before.usedTokens);
  expect(await world.db.prisma.usageEvent.count({ where: { messageId: orphan.id } })).toBe(0);
  // A later sweep finds nothing more to do.
  expect(await sweepOrphanedReplies(nodeB)).toBe(0);
});
