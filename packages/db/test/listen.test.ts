import { once } from 'node:events';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPrismaClient } from '../src/client';
import { listen } from '../src/listen';
import { createTestDatabase, type TestDatabase } from '../src/testing';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

const notify = (payload: string) => db.prisma.$executeRaw`SELECT pg_notify('lumi_test_channel', ${payload})`;
const listeners = () =>
  db.prisma.$queryRaw<
    { pid: number }[]
  >`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`;

/** Notifies until `heard` holds `payload` (a notification sent while reconnecting is lost, by design). */
async function until(heard: string[], payload: string, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!heard.includes(payload)) {
    if (Date.now() > deadline) throw new Error(`"${payload}" was never heard`);
    await notify(payload);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

it('hears notifications on its channel, keeps hearing them after its connection is killed, and lets go on close', async () => {
  const heard: string[] = [];
  const listener = listen(db.prisma, 'lumi_test_channel', (payload) => heard.push(payload));
  await listener.ready;

  await db.prisma.$executeRaw`SELECT pg_notify('another_channel', 'not for us')`;
  await notify('first');
  await expect.poll(() => heard).toEqual(['first']);

  // A database restart or an administrator ends the connection: the listener comes back on its own.
  const [before] = await listeners();
  await db.prisma.$executeRaw`SELECT pg_terminate_backend(${before!.pid}::int)`;
  await until(heard, 'after the restart');
  expect((await listeners()).map((l) => l.pid)).not.toContain(before!.pid);

  await listener.close();
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(await listeners()).toEqual([]);
});

/** A TCP relay to Postgres whose open connections can be made to go silent without closing, as a NAT does. */
async function startSilencingRelay(target: URL) {
  const pairs: { client: Socket; upstream: Socket; silent: boolean }[] = [];
  const server = createServer((client) => {
    const pair = { client, upstream: connect(Number(target.port || 5432), target.hostname), silent: false };
    pairs.push(pair);
    client.on('data', (data) => pair.silent || pair.upstream.write(data));
    pair.upstream.on('data', (data) => pair.silent || client.write(data));
    for (const [a, b] of [
      [client, pair.upstream],
      [pair.upstream, client],
    ] as const) {
      a.on('error', () => {});
      a.on('close', () => b.destroy());
    }
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    silenceAll: () => pairs.forEach((pair) => (pair.silent = true)),
    close: () => {
      pairs.forEach((pair) => pair.client.destroy());
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

it('notices a connection that went silent without closing, and listens again on a new one', async () => {
  const relay = await startSilencingRelay(new URL(db.url));
  const viaRelay = createPrismaClient(Object.assign(new URL(db.url), { host: `127.0.0.1:${relay.port}` }).toString());
  const heard: string[] = [];
  const listener = listen(viaRelay, 'lumi_test_channel', (payload) => heard.push(payload), { healthCheckMs: 200 });
  try {
    await listener.ready;
    await until(heard, 'before');
    relay.silenceAll();
    await until(heard, 'after the silence');
  } finally {
    await listener.close();
    await viaRelay.$disconnect();
    await relay.close();
  }
});
