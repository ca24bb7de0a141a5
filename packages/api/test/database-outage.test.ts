import { createPrismaClient } from '@lumi/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createServices, type LumiServices } from '../src';
import { startDatabaseRelay } from './database-relay';
import { createWorld, openStream, replyText, send, type World } from './harness';

// A node whose database goes away mid-reply (reached through a relay the test cuts, as a crash or a failover would).
let world: World;
let relay: Awaited<ReturnType<typeof startDatabaseRelay>>;
let node: LumiServices;
let nodeDb: ReturnType<typeof createPrismaClient>;
beforeAll(async () => {
  world = await createWorld();
  relay = await startDatabaseRelay(world.db.url);
  nodeDb = createPrismaClient(relay.url);
  node = createServices({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: world.fake.url }, { db: nodeDb });
});
afterAll(async () => {
  relay.restore();
  await node.generations.drain();
  await nodeDb.$disconnect();
  await relay.close();
  await world.close();
});

const newConversation = async () =>
  (await world.caller(world.users.student).conversations.create({ mode: 'GENERAL', classId: world.classId })).id;

/**
 * A send on `services` whose reply (`count` words, each `prefix` and its number) has streamed its first delta;
 * the database is cut then, and the rest of the stream's events are returned with what the student saw first.
 */
async function cutAfterFirstDelta(services: LumiServices, prefix: string, count: number, delayMs: number) {
  const words = Array.from({ length: count }, (_, i) => `${prefix}${i + 1}`).join(' ');
  world.fake.enqueue({ reply: words, delayMs });
  const stream = await openStream({ ...world, services }, world.users.student, {
    conversationId: await newConversation(),
    content: 'Talk to me',
  });
  const start = await stream.next();
  const assistantMessageId = start?.type === 'start' ? start.assistantMessageId : '';
  const first = await stream.next();
  relay.cut();
  const rest = async () => {
    const events = [];
    for (let event = await stream.next(); event; event = await stream.next()) events.push(event);
    return events;
  };
  return { words, assistantMessageId, firstText: first?.type === 'delta' ? first.text : '', rest };
}

/** The reply is stored whole, nothing left reserved, and charged once. */
async function expectSavedOnce(assistantMessageId: string, content: string) {
  const reply = await world.db.prisma.message.findUniqueOrThrow({ where: { id: assistantMessageId } });
  expect(reply).toMatchObject({ status: 'COMPLETE', content, reservedTokens: 0 });
  expect(await world.db.prisma.usageEvent.count({ where: { messageId: assistantMessageId } })).toBe(1);
}

it('a reply that ends while the database is down is saved when it returns: the student is never shown more than is kept', async () => {
  const { words, assistantMessageId, firstText, rest } = await cutAfterFirstDelta(node, 'w', 30, 60);
  // The database stays away past the reply's end, then comes back.
  setTimeout(() => relay.restore(), 3000);
  const events = await rest();
  const shown = firstText + replyText(events);
  expect(shown).toBe(words);
  expect(events.at(-1)).toMatchObject({ type: 'done', status: 'COMPLETE' });
  await expectSavedOnce(assistantMessageId, shown);
}, 60_000);

it('a send while the database is down gets a retryable 503 "try again in a moment", not a bare 500', async () => {
  const conversationId = await newConversation();
  relay.cut();
  try {
    const refused = await send({ ...world, services: node }, world.users.student, { conversationId, content: 'Hi' });
    expect(refused.status).toBe(503);
    expect(refused.error?.code).toBe('DATABASE_UNAVAILABLE');
  } finally {
    relay.restore();
  }
  const again = await send({ ...world, services: node }, world.users.student, { conversationId, content: 'Hi' });
  expect(again.status).toBe(200);
}, 60_000);

it('a reply whose database stays away past the stream’s patience is still saved, whole and charged once, when it returns', async () => {
  const patient = createServices(
    { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: world.fake.url },
    { db: nodeDb, savePatienceMs: 1_000 },
  );
  const { words, assistantMessageId, rest } = await cutAfterFirstDelta(patient, 'v', 20, 40);
  const events = await rest();
  // The stream gives up waiting and says so; the reply is not lost with it.
  expect(events.at(-1)).toMatchObject({ type: 'error', code: 'SAVE_FAILED', retryable: true });
  relay.restore();
  await patient.generations.drain();
  await expectSavedOnce(assistantMessageId, words);
}, 60_000);
