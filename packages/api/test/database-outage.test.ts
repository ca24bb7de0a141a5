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

it('a reply that ends while the database is down is saved when it returns: the student is never shown more than is kept', async () => {
  const { id: conversationId } = await world
    .caller(world.users.student)
    .conversations.create({ mode: 'GENERAL', classId: world.classId });
  const words = Array.from({ length: 30 }, (_, i) => `w${i + 1}`);
  world.fake.enqueue({ reply: words.join(' '), delayMs: 60 });
  const stream = await openStream({ ...world, services: node }, world.users.student, {
    conversationId,
    content: 'Talk to me',
  });
  const start = await stream.next();
  const assistantMessageId = start?.type === 'start' ? start.assistantMessageId : '';
  let shown = '';
  const first = await stream.next();
  if (first?.type === 'delta') shown += first.text;

  relay.cut();
  // The database stays away past the reply's end, then comes back.
  setTimeout(() => relay.restore(), 3000);
  const events = [];
  for (let event = await stream.next(); event; event = await stream.next()) events.push(event);
  shown += replyText(events);
  expect(shown).toBe(words.join(' '));
  expect(events.at(-1)).toMatchObject({ type: 'done', status: 'COMPLETE' });

  const reply = await world.db.prisma.message.findUniqueOrThrow({ where: { id: assistantMessageId } });
  expect(reply).toMatchObject({ status: 'COMPLETE', content: shown, reservedTokens: 0 });
  expect(await world.db.prisma.usageEvent.count({ where: { messageId: assistantMessageId } })).toBe(1);
}, 60_000);

it('a send while the database is down gets a retryable 503 "try again in a moment", not a bare 500', async () => {
  const { id: conversationId } = await world
    .caller(world.users.student)
    .conversations.create({ mode: 'GENERAL', classId: world.classId });
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
  const { id: conversationId } = await world
    .caller(world.users.student)
    .conversations.create({ mode: 'GENERAL', classId: world.classId });
  const words = Array.from({ length: 20 }, (_, i) => `v${i + 1}`);
  world.fake.enqueue({ reply: words.join(' '), delayMs: 40 });
  const stream = await openStream({ ...world, services: patient }, world.users.student, {
    conversationId,
    content: 'Tell me more',
  });
  const start = await stream.next();
  const assistantMessageId = start?.type === 'start' ? start.assistantMessageId : '';
  await stream.next();

  relay.cut();
  const events = [];
  for (let event = await stream.next(); event; event = await stream.next()) events.push(event);
  // The stream gives up waiting and says so; the reply is not lost with it.
  expect(events.at(-1)).toMatchObject({ type: 'error', code: 'SAVE_FAILED', retryable: true });
  relay.restore();
  await patient.generations.drain();

  const reply = await world.db.prisma.message.findUniqueOrThrow({ where: { id: assistantMessageId } });
  expect(reply).toMatchObject({ status: 'COMPLETE', content: words.join(' '), reservedTokens: 0 });
  expect(await world.db.prisma.usageEvent.count({ where: { messageId: assistantMessageId } })).toBe(1);
}, 60_000);
