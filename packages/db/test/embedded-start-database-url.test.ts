import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// The database step of `npm start`, run for real: the script stops before building anything when it fails.
const startScript = path.resolve(import.meta.dirname, '../../../scripts/start.mjs');
const serverUrl = new URL(process.env.DATABASE_URL ?? 'postgresql://root@127.0.0.1:5432/postgres');

function prepare(databaseUrl: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [startScript, '--prepare-only'], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output: output.trim() }));
  });
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

function expectOneSentenceNamingDatabaseUrl(result: { code: number | null; output: string }, wording: RegExp) {
  expect(result.code).not.toBe(0);
  expect(result.output.split('\n')).toHaveLength(1);
  expect(result.output).toMatch(/DATABASE_URL/);
  expect(result.output).toMatch(wording);
  expect(result.output).not.toMatch(/^\s+at /m);
}

describe('npm start with a bad DATABASE_URL', () => {
  it('rejects a malformed URL without echoing it', { timeout: 60_000 }, async () => {
    const result = await prepare('postgres//secret-password@localhost');
    expectOneSentenceNamingDatabaseUrl(result, /not a valid URL/);
    expect(result.output).not.toContain('secret-password');
  });

  it('rejects a URL for another kind of database', { timeout: 60_000 }, async () => {
    expectOneSentenceNamingDatabaseUrl(
      await prepare('mysql://root@127.0.0.1:3306/lumi'),
      /must start with postgresql:\/\//,
    );
  });

  it('says no server answers at an unreachable address', { timeout: 60_000 }, async () => {
    const port = await closedPort();
    const result = await prepare(`postgresql://root@127.0.0.1:${port}/lumi`);
    expectOneSentenceNamingDatabaseUrl(result, new RegExp(`No PostgreSQL server answers at 127\\.0\\.0\\.1:${port}`));
  });

  it('names a database that does not exist and how to create it', { timeout: 60_000 }, async () => {
    const missing = new URL(serverUrl);
    missing.pathname = '/lumi_no_such_database';
    const result = await prepare(missing.toString());
    expectOneSentenceNamingDatabaseUrl(
      result,
      /"lumi_no_such_database" named in DATABASE_URL does not exist.*createdb lumi_no_such_database/,
    );
  });
});
