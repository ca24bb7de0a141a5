import { deployMigrations } from '../src/migrate/index';
import { expect, it } from 'vitest';
import { databaseBeforeMigration } from './before-migration';
import { query } from './sql';

const migratedBefore = databaseBeforeMigration('one_settings_row_teacher_approval');

it("merging the two settings tables keeps the admin's retention and caps, and every teacher keeps working", async () => {
  // The database as it was before: every migration up to the merge.
  const url = await migratedBefore();

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
