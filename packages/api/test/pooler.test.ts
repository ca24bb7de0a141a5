import { existsSync } from 'node:fs';
import { createPrismaClient, type PrismaClient } from '@lumi/db';
import { PGBOUNCER_BIN, startPgBouncer, type RunningPgBouncer } from '@lumi/db/harness/pgbouncer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  appRouter,
  createCallerFactory,
  createContext,
  createServices,
  handleSendMessage,
  listenForStops,
  type LumiServices,
} from '../src';
import { createWorld, type World } from './harness';

// Behind a transaction-mode pooler (Debian's PgBouncer 1.18, which keeps no prepared statements) each transaction
// may get another server connection. `?pgbouncer=true` tells Lumi so; LISTEN uses DIRECT_DATABASE_URL.
describe.skipIf(!existsSync(PGBOUNCER_BIN))('through a transaction-mode PgBouncer', () => {
  let world: World;
  let bouncer: RunningPgBouncer;
  const clients: PrismaClient[] = [];
  beforeAll(async () => {
    world = await createWorld({ LUMI_CHAT_RATE_LIMIT: '1000' });
    world.fake.setDefault({ reply: 'a short answer', delayMs: 2 });
    // Few server connections for many clients: statements from different sends share them at once.
    bouncer = await startPgBouncer(world.db.directUrl, { poolSize: 3 });
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.$disconnect()));
    await bouncer.stop();
    await world.close();
  });

  /** A node whose queries go through the pooler (its URL with or without Lumi's pooler setting). */
  function nodeThroughPooler(pooled: boolean): LumiServices {
    const url = new URL(bouncer.url);
    url.pathname = new URL(world.db.directUrl).pathname;
    if (!pooled) url.searchParams.delete('pgbouncer');
    const db = createPrismaClient(url.toString(), { directUrl: world.db.directUrl, max: 20 });
    clients.push(db);
    return createServices(
      { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: world.fake.url, LUMI_CHAT_RATE_LIMIT: '1000' },
      { db },
    );
  }

  async function fiftySends(node: LumiServices) {
    const { id } = await world
      .caller(world.users.student)
      .conversations.create({ mode: 'GENERAL', classId: world.classId });
    const results = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const request = new Request('http://lumi.test/api/chat', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ kind: 'send', clientId: crypto.randomUUID(), conversationId: id, content: `Q${i}` }),
        });
        const response = await handleSendMessage(request, node, world.users.student);
        return { status: response.status, body: await response.text() };
      }),
    );
    await node.generations.drain();
    return { results, conversationId: id };
  }

  it('named prepared statements break there: the defect pooler mode exists for', async () => {
    const { results } = await fiftySends(nodeThroughPooler(false));
    const broken = results.filter((r) => r.status >= 500 || r.body.includes('"type":"error"'));
    expect(broken.length).toBeGreaterThan(0);
  });

  it('with ?pgbouncer=true, 50 concurrent turns all complete, stored and charged once', async () => {
    const node = nodeThroughPooler(true);
    const before = await world.db.prisma.usageEvent.count();
    const { results, conversationId } = await fiftySends(node);
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    for (const r of results) expect(r.body).toContain('"type":"done","status":"COMPLETE"');
    expect((await world.db.prisma.usageEvent.count()) - before).toBe(50);
    expect(await world.db.prisma.message.count({ where: { conversationId, status: 'STREAMING' } })).toBe(0);
  });

  it('a Stop from a pooled node reaches the generating node through LISTEN on the direct URL', async () => {
    const generating = nodeThroughPooler(true);
    const asking = nodeThroughPooler(true);
    const stops = listenForStops(generating);
    await stops.ready;
    try {
      const { id } = await world
        .caller(world.users.student)
        .conversations.create({ mode: 'GENERAL', classId: world.classId });
      world.fake.enqueue({ reply: Array.from({ length: 60 }, (_, i) => `w${i}`).join(' '), delayMs: 100 });
      const response = await handleSendMessage(
        new Request('http://lumi.test/api/chat', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ kind: 'send', clientId: crypto.randomUUID(), conversationId: id, content: 'slow' }),
        }),
        generating,
        world.users.student,
      );
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      const first = (await reader.read()).value ?? '';
      const messageId = /"assistantMessageId":"([^"]+)"/.exec(first)![1]!;
      await new Promise((resolve) => setTimeout(resolve, 500));
      const asked = performance.now();
      await createCallerFactory(appRouter)(createContext(asking, world.users.student)).chat.stop({ messageId });
      expect(performance.now() - asked).toBeLessThan(1_500);
      let rest = first;
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) rest += chunk.value;
      expect(rest).toContain('"status":"STOPPED"');
      expect(rest).not.toContain('w59');
    } finally {
      await stops.close();
    }
  });
});
