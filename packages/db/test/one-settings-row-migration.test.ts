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

it("merging the two settings tables keeps the admin's retention and caps, and every teacher keeps working", async () => {
  const url = await createDatabase(serverUrl, name);
  // The database as it was before: every migration up to the merge.
  workDir = await mkdtemp(path.join(tmpdir(), 'lumi-settings-'));
  const before = path.join(workDir, 'migrations');
  await cp(defaultMigrationsDir, before, { recursive: true });
  const folders = (await readdir(before)).filter((f) => /^\d{14}_/.test(f)).sort();
  const merge = folders.findIndex((f) => f.endsWith('_one_settings_row_teacher_approval'));
  expect(merge).toBeGreaterThan(0);
  for (const later of folders.slice(merge)) await rm(path.join(before, later), { recursive: true });
  await deployMigrations({ databaseUrl: url, migrationsDir: before });

  await query(
    url,
    `INSERT INTO "User" ("id", "email", "name", "role", "updatedAt") VALUES ('t1', 't@school.test', 'T', 'TEACHER', now());
     INSERT INTO "SchoolSettings" ("id", "messageRetentionDays", "retentionLastRunAt", "retentionLastRemoved", "updatedAt")
     VALUES (1, 90, '2026-11-30 03:00:00', 42, now());
     INSERT INTO "InstallationSettings" ("id", "spendCapDayMicros", "teacherSpendCapMonthMicros", "updatedAt")
     VALUES (1, 20000000, 5000000, '2026-11-29 12:00:00');`,
  );

  await deployMigrations({ databaseUrl: url });
  const [settings] = await query<Record<string, unknown>>(url, `SELECT * FROM "InstallationSettings"`);
  expect(settings).toMatchObject({
    id: 1,
    messageRetentionDays: 90,
    retentionLastRemoved: 42,
    spendCapDayMicros: '20000000',
    spendCapMonthMicros: null,
    teacherSpendCapMonthMicros: '5000000',
    personalModels: [],
  });
  expect(new Date(settings!.retentionLastRunAt as string).toISOString()).toMatch(/^2026-11-30/);
  // Saved caps stay in force over the environment's defaults.
  expect(settings!.capsSavedAt).not.toBeNull();
  const tables = await query<{ n: number }>(
    url,
    `SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'SchoolSettings'`,
  );
  expect(tables[0]!.n).toBe(0);
  const [teacher] = await query<{ pendingApproval: boolean }>(
    url,
    `SELECT "pendingApproval" FROM "User" WHERE "id" = 't1'`,
  );
  expect(teacher!.pendingApproval).toBe(false);
});
