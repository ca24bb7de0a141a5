import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { drain, handleReadiness, isDraining, readinessCheck, type TurnEvent } from '../src';
import { createWorld, openStream, replyText, send, type World } from './harness';

// A node told to stop (SIGTERM, see apps/web/src/server/shutdown.ts) drains: it takes no new chat turns and says so
// to the balancer, but the replies it is writing run to their end and are saved before it lets the process exit.
// Draining is for the rest of the process's life; the flag is cleared after this file all the same, in case a
// worker runs other files after it.
let world: World;
beforeAll(async () => (world = await createWorld()));
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('lumi.draining')];
  await world.close();
});

const MIGRATIONS = path.resolve(import.meta.dirname, '../../../prisma/migrations');

it('a draining node finishes the reply in flight, refuses new sends with a retryable 503 and is not ready', async () => {
  const { id: conversationId } = await world
    .caller(world.users.student)
    .conversations.create({ mode: 'GENERAL', classId: world.classId });
  const words = Array.from({ length: 20 }, (_, i) => `w${i + 1}`);
  world.fake.enqueue({ reply: words.join(' '), delayMs: 50 });
  const stream = await openStream(world, world.users.student, { conversationId, content: 'Talk slowly' });
  const start = await stream.next();
  const assistantMessageId = start?.type === 'start' ? start.assistantMessageId : '';
  expect(await stream.next()).toMatchObject({ type: 'delta' });

  const drained = drain({ generations: () => world.services.generations, server: () => undefined, ms: 600_000 });
  expect(isDraining()).toBe(true);

  const ready = await handleReadiness(
    readinessCheck(world.db.prisma, { migrationsDir: MIGRATIONS, draining: isDraining }),
  );
  expect(ready.status).toBe(503);
  expect(((await ready.json()) as { reason: string }).reason).toMatch(/^draining/);

  const clientId = crypto.randomUUID();
  const refused = await send(world, world.users.student, { conversationId, clientId, content: 'One more' });
  expect(refused.status).toBe(503);
  expect(refused.error?.code).toBe('DRAINING');
  expect(await world.db.prisma.message.count({ where: { clientId } })).toBe(0);

  // The drain ends only once the reply is saved, complete.
  await drained;
  const reply = await world.db.prisma.message.findUniqueOrThrow({ where: { id: assistantMessageId } });
  expect(reply.status).toBe('COMPLETE');
  expect(reply.content).toBe(words.join(' '));
  const events: TurnEvent[] = [];
  for (let event = await stream.next(); event; event = await stream.next()) events.push(event);
  expect(events.at(-1)).toMatchObject({ type: 'done', status: 'COMPLETE' });
  expect(replyText(events)).toContain(words.at(-1));
});
