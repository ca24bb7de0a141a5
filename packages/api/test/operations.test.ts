import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createPrismaClient } from '@lumi/db';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  createLogger,
  createServices,
  handleMetrics,
  handleReadiness,
  handleSendMessage,
  readinessCheck,
  withRequestLog,
} from '../src';
import { createWorld, type World } from './harness';

// What an operator relies on: the probes a balancer asks, the metrics a scraper reads, and the logs.
const MIGRATIONS = path.resolve(import.meta.dirname, '../../../prisma/migrations');
let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.close());

const ready = (options: Partial<Parameters<typeof readinessCheck>[1]> = {}, db = world.db.prisma) =>
  handleReadiness(readinessCheck(db, { migrationsDir: MIGRATIONS, draining: () => false, ...options }));

it('is ready when its database answers and has every migration this build ships', async () => {
  const response = await ready();
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ status: 'ready' });
});

it('is not ready while a migration this build ships is pending, and names it', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lumi-migrations-'));
  try {
    cpSync(MIGRATIONS, dir, { recursive: true });
    mkdirSync(path.join(dir, '29991231000000_next_release'));
    const response = await ready({ migrationsDir: dir });
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({
      status: 'not ready',
      reason: 'migrations pending: 29991231000000_next_release (run the migrate command)',
    });
    expect(readdirSync(dir)).toHaveLength(readdirSync(MIGRATIONS).length + 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('is not ready, within its timeout, while the database does not answer', async () => {
  // A port nothing listens on: the probe must answer, not hang with the pool.
  const unreachable = createPrismaClient('postgresql://root@127.0.0.1:1/lumi');
  try {
    const started = performance.now();
    const response = await ready({ timeoutMs: 1_000 }, unreachable);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(response.status).toBe(503);
    expect(((await response.json()) as { reason: string }).reason).toMatch(/^database unreachable: /);
  } finally {
    await unreachable.$disconnect();
  }
});

it('is not ready while the node drains', async () => {
  let draining = false;
  const check = readinessCheck(world.db.prisma, { migrationsDir: MIGRATIONS, draining: () => draining });
  expect((await handleReadiness(check)).status).toBe(200);
  draining = true;
  const response = await handleReadiness(check);
  expect(response.status).toBe(503);
  expect(((await response.json()) as { reason: string }).reason).toMatch(/^draining/);
});

it('serves metrics only to the scraper token, and counts replies by model', async () => {
  const request = (authorization?: string) =>
    new Request('http://lumi.test/api/metrics', { headers: authorization ? { authorization } : {} });
  expect((await handleMetrics(request('Bearer anything'), world.services, undefined)).status).toBe(404);
  expect((await handleMetrics(request(), world.services, 'scrape-token')).status).toBe(401);
  expect((await handleMetrics(request('Bearer scrape-toke'), world.services, 'scrape-token')).status).toBe(401);

  world.services.metrics.observeReply({
    model: 'gpt-4o-mini',
    status: 'COMPLETE',
    ttftMs: 320,
    latencyMs: 2_400,
    promptTokens: 120,
    completionTokens: 45,
    cachedTokens: 0,
    costMicros: 45,
    errorCode: null,
  });
  world.services.metrics.countError('RATE_LIMITED');
  const response = await handleMetrics(request('Bearer scrape-token'), world.services, 'scrape-token');
  expect(response.status).toBe(200);
  const text = await response.text();
  expect(text).toContain('lumi_tokens_total{model="gpt-4o-mini",kind="completion"} 45');
  expect(text).toContain('lumi_time_to_first_token_seconds_bucket{le="0.5",model="gpt-4o-mini"} 1');
  expect(text).toContain('lumi_cost_usd_total{model="gpt-4o-mini"} 0.000045');
  expect(text).toContain('lumi_errors_total{code="RATE_LIMITED"} 1');
  expect(text).toContain('lumi_replies_in_flight 0');
  expect(text).toMatch(/lumi_db_pool_connections\{state="total"\} [1-9]/);
});

it('logs one JSON line per chat request under its request id, never with what the student wrote', async () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().trim().split('\n'));
      done();
    },
  });
  const log = createLogger(sink);
  const services = createServices(
    { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: world.fake.url },
    { db: world.db.prisma, log },
  );
  const { id } = await world
    .caller(world.users.student)
    .conversations.create({ mode: 'GENERAL', classId: world.classId });
  const secret = 'my secret diary entry 7Q2';
  const turn = async (requestId: string | null, body: unknown) => {
    const request = new Request('http://lumi.test/api/chat', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(requestId ? { 'x-request-id': requestId } : {}) },
      body: JSON.stringify(body),
    });
    const response = await withRequestLog(
      log,
      'chat.send',
      request,
      () => handleSendMessage(request, services, world.users.student),
      world.users.student.id,
    );
    await response.text();
    return response;
  };
  world.fake.enqueue({ reply: `You wrote: ${secret}` });
  const ok = await turn('req-from-nginx-1', {
    kind: 'send',
    clientId: crypto.randomUUID(),
    conversationId: id,
    content: secret,
  });
  expect(ok.headers.get('x-request-id')).toBe('req-from-nginx-1');
  const refused = await turn(null, {
    kind: 'send',
    clientId: crypto.randomUUID(),
    conversationId: 'nope',
    content: secret,
  });
  expect(refused.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  await services.generations.drain();

  const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  expect(entries).toEqual([
    expect.objectContaining({ level: 'info', requestId: 'req-from-nginx-1', route: 'chat.send', status: 200 }),
    expect.objectContaining({ requestId: refused.headers.get('x-request-id'), status: refused.status }),
  ]);
  expect(entries[0]).toMatchObject({ userId: world.users.student.id, service: 'lumi' });
  expect(lines.join('\n')).not.toContain('secret diary');
});
