import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddedPostgresError, isPortFree, startEmbeddedPostgres } from '../src/embedded';
import { readPostmasterLock } from '../src/embedded/postmaster';
import type { RunningEmbeddedPostgres } from '../src/embedded';
import { query } from './sql';

const launcherModule = path.resolve(import.meta.dirname, '../src/embedded/index.ts');

let workDir: string;
let running: RunningEmbeddedPostgres[];

beforeEach(() => {
  workDir = mkdtempSync(path.join(os.tmpdir(), 'lumi-embedded-'));
  // As root the server runs as user postgres, which must be able to enter this folder.
  chmodSync(workDir, 0o755);
  running = [];
});

afterEach(async () => {
  for (const server of running) await server.stop();
  rmSync(workDir, { recursive: true, force: true });
});

async function start(port: number, onEvent?: (message: string) => void): Promise<RunningEmbeddedPostgres> {
  const server = await startEmbeddedPostgres({ dataDir: path.join(workDir, 'postgres'), port, onEvent });
  running.push(server);
  return server;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

describe('startEmbeddedPostgres', () => {
  it('starts a real server and keeps its data across restarts', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const first = await start(port);
    expect(first.url).toBe(`postgresql://postgres:postgres@127.0.0.1:${port}/lumi`);
    await query(first.url, "CREATE TABLE notes (body text); INSERT INTO notes VALUES ('kept')");
    await first.stop();
    running = [];

    const second = await start(port);
    expect(await query(second.url, 'SELECT body FROM notes')).toEqual([{ body: 'kept' }]);
  });

  it('recovers when the Node process that owned the server was killed with SIGKILL', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const dataDir = path.join(workDir, 'postgres');
    const owner = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `const { startEmbeddedPostgres } = await import(${JSON.stringify(launcherModule)});
         const db = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port} });
         const pg = (await import('pg')).default;
         const client = new pg.Client({ connectionString: db.url });
         await client.connect();
         await client.query("CREATE TABLE survivors (name text); INSERT INTO survivors VALUES ('before the kill')");
         await client.end();
         console.log('ready');
         setInterval(() => {}, 1000);`,
      ],
      { cwd: import.meta.dirname, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      owner.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      owner.once('exit', (code) => reject(new Error(`owner exited early with ${code}`)));
    });
    const exited = new Promise((resolve) => owner.once('exit', resolve));
    owner.kill('SIGKILL');
    await exited;

    const restarted = await start(port);
    expect(restarted.shared).toBe(false);
    expect(await query(restarted.url, 'SELECT name FROM survivors')).toEqual([{ name: 'before the kill' }]);
  });

  it('starts the server again when it dies, says so, and keeps the data', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const events: string[] = [];
    const server = await start(port, (message) => events.push(message));
    await query(server.url, "CREATE TABLE lessons (title text); INSERT INTO lessons VALUES ('fractions')");
    const { pid } = readPostmasterLock(server.dataDir)!;
    process.kill(pid, 'SIGKILL');

    await expect.poll(() => events.length, { timeout: 30_000 }).toBe(2);
    expect(events[0]).toMatch(/stopped unexpectedly; starting it again/);
    expect(events[1]).toBe(`The embedded PostgreSQL is running again on port ${port}.`);
    expect(readPostmasterLock(server.dataDir)!.pid).not.toBe(pid);
    expect(await query(server.url, 'SELECT title FROM lessons')).toEqual([{ title: 'fractions' }]);
  });

  it(
    'is shared by a second user, and the first stopping leaves it running for the second',
    { timeout: 60_000 },
    async () => {
      const port = await freePort();
      const first = await start(port);
      const second = await start(port);
      expect([first.shared, second.shared]).toEqual([false, true]);
      expect(second.url).toBe(first.url);

      await first.stop();
      expect(await query(second.url, 'SELECT 1 AS up')).toEqual([{ up: 1 }]);
      await second.stop();
      running = [];
      expect(await isPortFree(port)).toBe(true);
    },
  );

  it('says clearly that the port is taken by another program', { timeout: 60_000 }, async () => {
    const port = await freePort();
    const squatter = net.createServer().listen(port, '127.0.0.1');
    await new Promise((resolve) => squatter.once('listening', resolve));
    try {
      const attempt = start(port);
      await expect(attempt).rejects.toBeInstanceOf(EmbeddedPostgresError);
      await expect(attempt).rejects.toThrow(`Port ${port} is already in use by another program`);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it.runIf(process.getuid?.() === 0)(
    'as root, names the parent folder user postgres cannot enter instead of hanging',
    { timeout: 60_000 },
    async () => {
      const locked = path.join(workDir, 'locked');
      const dataDir = path.join(locked, 'project', '.lumi', 'postgres');
      await import('node:fs/promises').then((fs) => fs.mkdir(locked, { mode: 0o700 }));
      const attempt = startEmbeddedPostgres({ dataDir, port: await freePort() });
      await expect(attempt).rejects.toThrow(
        `cannot enter ${locked}; run Lumi as a regular user, allow it with "chmod o+x ${locked}"`,
      );
    },
  );
});
