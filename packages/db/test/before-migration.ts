import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import { createDatabase, dropDatabase, uniqueDatabaseName } from '../src/migrate/databases';
import { defaultMigrationsDir, deployMigrations } from '../src/migrate/index';

const serverUrl = process.env.DATABASE_URL ?? 'postgresql://root@127.0.0.1:5432/postgres';

/**
 * For a test of one migration: makes a database as it was before the migration whose folder ends in `_<suffix>`
 * (every earlier migration applied) and returns its URL; the database is dropped after the file's tests.
 */
export function databaseBeforeMigration(suffix: string): () => Promise<string> {
  const name = uniqueDatabaseName('lumi_test');
  let workDir = '';
  afterAll(async () => {
    await dropDatabase(serverUrl, name);
    if (workDir) await rm(workDir, { recursive: true, force: true });
  });
  return async () => {
    const url = await createDatabase(serverUrl, name);
    workDir = await mkdtemp(path.join(tmpdir(), 'lumi-migration-'));
    const before = path.join(workDir, 'migrations');
    await cp(defaultMigrationsDir, before, { recursive: true });
    const folders = (await readdir(before)).filter((f) => /^\d{14}_/.test(f)).sort();
    const migration = folders.findIndex((f) => f.endsWith(`_${suffix}`));
    expect(migration).toBeGreaterThan(0);
    for (const later of folders.slice(migration)) await rm(path.join(before, later), { recursive: true });
    await deployMigrations({ databaseUrl: url, migrationsDir: before });
    return url;
  };
}
