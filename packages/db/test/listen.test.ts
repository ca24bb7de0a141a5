import { afterAll, beforeAll, expect, it } from 'vitest';
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
  db.prisma.$queryRaw<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'`;

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
