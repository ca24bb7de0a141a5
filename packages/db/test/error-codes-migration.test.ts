import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createDatabase, dropDatabase, uniqueDatabaseName } from '../src/migrate/databases';
import { defaultMigrationsDir, deployMigrations } from '../src/migrate/index';
import { query } from './sql';

const serverUrl = process.env.DATABASE_URL ?? 'postgresql://root@127.0.0.1:5432/postgres';
const name = uniqueDatabaseName('lumi_test');
let workDir = '';

afterAll(async () => {
  await dropDatabase(serverUrl, name);
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

it('replies stored with the provider’s old lower-case codes read in the one vocabulary after migrating', async () => {
  const url = await createDatabase(serverUrl, name);
  // The database as it was before the vocabulary: every migration up to the rename.
  workDir = await mkdtemp(path.join(tmpdir(), 'lumi-codes-'));
  const before = path.join(workDir, 'migrations');
  await cp(defaultMigrationsDir, before, { recursive: true });
  const folders = (await readdir(before)).filter((f) => /^\d{14}_/.test(f)).sort();
  const rename = folders.findIndex((f) => f.endsWith('_provider_error_codes'));
  expect(rename).toBeGreaterThan(0);
  for (const later of folders.slice(rename)) await rm(path.join(before, later), { recursive: true });
  await deployMigrations({ databaseUrl: url, migrationsDir: before });

  const old = ['bad_key', 'quota', 'rate_limited', 'context_too_long', 'timeout', 'network', 'malformed', 'upstream'];
  await query(
    url,
    `INSERT INTO "User" ("id", "email", "name", "updatedAt") VALUES ('u1', 'a@school.test', 'A', now());
     INSERT INTO "Conversation" ("id", "studentId", "model", "updatedAt") VALUES ('c1', 'u1', 'gpt-4o-mini', now());
     INSERT INTO "Message" ("id", "conversationId", "role", "content", "tokenCount", "status", "errorCode", "updatedAt")
     SELECT 'm' || code, 'c1', 'ASSISTANT', '', 0, 'ERROR', code, now()
     FROM unnest(ARRAY['${[...old, 'BUDGET_EXHAUSTED', 'INTERRUPTED'].join("','")}']) AS code;`,
  );

  await deployMigrations({ databaseUrl: url });
  const rows = await query<{ id: string; errorCode: string }>(url, `SELECT "id", "errorCode" FROM "Message"`);
  const codes = Object.fromEntries(rows.map((r) => [r.id.slice(1), r.errorCode]));
  expect(codes).toEqual({
    bad_key: 'PROVIDER_BAD_KEY',
    quota: 'PROVIDER_QUOTA',
    rate_limited: 'PROVIDER_RATE_LIMITED',
    context_too_long: 'PROVIDER_CONTEXT_TOO_LONG',
    timeout: 'PROVIDER_TIMEOUT',
    network: 'PROVIDER_NETWORK',
    malformed: 'PROVIDER_MALFORMED',
    upstream: 'PROVIDER_ERROR',
    // The API's own codes were upper case already and stay as they were.
    BUDGET_EXHAUSTED: 'BUDGET_EXHAUSTED',
    INTERRUPTED: 'INTERRUPTED',
  });
});
