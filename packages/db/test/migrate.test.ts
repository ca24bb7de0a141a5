import { cp, mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, dropDatabase, uniqueDatabaseName } from '../src/migrate/databases';
import {
  checkDrift,
  createMigration,
  defaultMigrationsDir,
  defaultSchemaPath,
  deployMigrations,
  MigrationError,
  migrationStatus,
  resolveMigration,
} from '../src/migrate/index';
import { query } from './sql';

const serverUrl = process.env.DATABASE_URL ?? 'postgresql://root@127.0.0.1:5432/postgres';
const databases: string[] = [];
let workDir: string;

async function emptyDatabase(): Promise<string> {
  const name = uniqueDatabaseName('lumi_test');
  databases.push(name);
  return createDatabase(serverUrl, name);
}

async function tableNames(url: string): Promise<string[]> {
  const rows = await query<{ table_name: string }>(
    url,
    "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
  );
  return rows.map((row) => row.table_name);
}

/** A private copy of the repo's schema and migrations that a test may change. */
async function copyOfRepo(): Promise<{ schemaPath: string; migrationsDir: string }> {
  const dir = await mkdtemp(path.join(workDir, 'repo-'));
  const schemaPath = path.join(dir, 'schema.prisma');
  const migrationsDir = path.join(dir, 'migrations');
  await cp(defaultSchemaPath, schemaPath);
  await cp(defaultMigrationsDir, migrationsDir, { recursive: true });
  return { schemaPath, migrationsDir };
}

async function repoMigrationNames(): Promise<string[]> {
  const entries = await readdir(defaultMigrationsDir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'lumi-migrate-'));
});

afterEach(async () => {
  await Promise.all(databases.splice(0).map((name) => dropDatabase(serverUrl, name)));
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('deployMigrations', () => {
  it('builds the whole schema on an empty database and records every migration', async () => {
    const url = await emptyDatabase();
    const { applied } = await deployMigrations({ databaseUrl: url });

    expect(applied).toEqual(await repoMigrationNames());
    expect(await tableNames(url)).toEqual(
      expect.arrayContaining(['User', 'Class', 'Enrollment', 'Conversation', 'Message', 'UsageEvent']),
    );
    const recorded = await query<{ migration_name: string; finished_at: Date | null }>(
      url,
      'SELECT migration_name, finished_at FROM _prisma_migrations',
    );
    expect(recorded.map((row) => row.migration_name).sort()).toEqual(applied);
    expect(recorded.every((row) => row.finished_at !== null)).toBe(true);
  });

  it('does nothing the second time', async () => {
    const url = await emptyDatabase();
    await deployMigrations({ databaseUrl: url });
    const again = await deployMigrations({ databaseUrl: url });

    expect(again.applied).toEqual([]);
    const [{ count }] = (await query<{ count: string }>(url, 'SELECT count(*) FROM _prisma_migrations')) as [
      { count: string },
    ];
    expect(Number(count)).toBe((await repoMigrationNames()).length);
  });

  it('applies each migration once when two deploys race, as two app nodes starting together would', async () => {
    const url = await emptyDatabase();
    const results = await Promise.all([deployMigrations({ databaseUrl: url }), deployMigrations({ databaseUrl: url })]);

    const applied = results.flatMap((result) => result.applied).sort();
    expect(applied).toEqual(await repoMigrationNames());
    const recorded = await query<{ migration_name: string }>(url, 'SELECT migration_name FROM _prisma_migrations');
    expect(recorded).toHaveLength(applied.length);
  });
});

describe('migrationStatus', () => {
  it('lists every migration as pending on an empty database', async () => {
    const status = await migrationStatus({ databaseUrl: await emptyDatabase() });
    expect(status.pending).toEqual(await repoMigrationNames());
    expect(status.upToDate).toBe(false);
  });

  it('reports up to date after deploy, and drift after a change made by hand', async () => {
    const url = await emptyDatabase();
    await deployMigrations({ databaseUrl: url });

    const status = await migrationStatus({ databaseUrl: url });
    expect(status).toMatchObject({ pending: [], failed: [], edited: [], drift: false, upToDate: true });
    expect(status.applied).toEqual(await repoMigrationNames());

    await query(url, 'ALTER TABLE "User" ADD COLUMN "nickname" TEXT');
    expect(await migrationStatus({ databaseUrl: url })).toMatchObject({ drift: true, upToDate: false });
  });
});

describe('checkDrift and createMigration', () => {
  it('finds no drift between the repo schema and its migrations', async () => {
    const result = await checkDrift({ databaseUrl: serverUrl });
    expect(result.script).not.toMatch(/CREATE|ALTER|DROP/);
    expect(result.drift).toBe(false);
  });

  it('fails for a schema change without a migration, until createMigration writes one that deploys', async () => {
    const repo = await copyOfRepo();
    const schema = await readFile(repo.schemaPath, 'utf8');
    await writeFile(repo.schemaPath, schema.replace(/model User \{\n/, 'model User {\n  nickname String?\n'));

    const drifted = await checkDrift({ ...repo, databaseUrl: serverUrl });
    expect(drifted.drift).toBe(true);
    expect(drifted.script).toContain('ADD COLUMN     "nickname" TEXT');

    const created = await createMigration({ ...repo, name: 'Add nickname', databaseUrl: serverUrl });
    expect(created?.migrationName).toMatch(/^\d{14}_add_nickname$/);
    expect(path.dirname(path.dirname(created!.file))).toBe(repo.migrationsDir);
    expect(await readFile(created!.file, 'utf8')).toContain('"nickname" TEXT');
    expect(await checkDrift({ ...repo, databaseUrl: serverUrl })).toMatchObject({ drift: false });
    expect(await createMigration({ ...repo, name: 'nothing', databaseUrl: serverUrl })).toBeNull();

    const url = await emptyDatabase();
    const { applied } = await deployMigrations({ databaseUrl: url, migrationsDir: repo.migrationsDir });
    expect(applied.at(-1)).toBe(created!.migrationName);
    const columns = await query<{ column_name: string }>(
      url,
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'User'`,
    );
    expect(columns.map((column) => column.column_name)).toContain('nickname');
    // Five passes of the schema engine over every migration: 30-40 s on a loaded 2-core machine.
  }, 120_000);
});

describe('a migration that fails', () => {
  const name = '29991231000000_probe';
  // `;` inside a $$ body and inside a string literal, then a statement that fails at run time.
  const body = `CREATE TABLE "Probe" ("id" INTEGER, "note" TEXT);
CREATE FUNCTION probe_answer() RETURNS INTEGER AS $$
BEGIN
  INSERT INTO "Probe" VALUES (42, 'from; the function');
  RETURN 42;
END;
$$ LANGUAGE plpgsql;
INSERT INTO "Probe" VALUES (1, 'semi;colon');
`;

  it('leaves nothing half-applied, blocks later deploys, and deploys once resolved and fixed', async () => {
    const repo = await copyOfRepo();
    const folder = path.join(repo.migrationsDir, name);
    await mkdir(folder);
    await writeFile(path.join(folder, 'migration.sql'), `${body}ALTER TABLE "NoSuchTable" ADD COLUMN "x" INTEGER;\n`);
    const url = await emptyDatabase();

    const failure = await deployMigrations({ databaseUrl: url, migrationsDir: repo.migrationsDir }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as MigrationError).message).toContain('NoSuchTable');
    expect(await tableNames(url)).not.toContain('Probe');
    expect(await query(url, "SELECT 1 FROM pg_proc WHERE proname = 'probe_answer'")).toEqual([]);

    const refused = await deployMigrations({ databaseUrl: url, migrationsDir: repo.migrationsDir }).catch(
      (error: unknown) => error,
    );
    expect(refused).toMatchObject({ code: 'P3009' });
    expect((refused as MigrationError).message).toContain(name);
    expect(await migrationStatus({ databaseUrl: url, migrationsDir: repo.migrationsDir })).toMatchObject({
      failed: [name],
      upToDate: false,
    });

    await resolveMigration({
      databaseUrl: url,
      migrationsDir: repo.migrationsDir,
      migrationName: name,
      as: 'rolled-back',
    });
    await writeFile(path.join(folder, 'migration.sql'), body);
    expect(await deployMigrations({ databaseUrl: url, migrationsDir: repo.migrationsDir })).toEqual({
      applied: [name],
    });
    expect(await query(url, 'SELECT probe_answer() AS answer')).toEqual([{ answer: 42 }]);
    expect(await query(url, 'SELECT "id", "note" FROM "Probe" ORDER BY "id"')).toEqual([
      { id: 1, note: 'semi;colon' },
      { id: 42, note: 'from; the function' },
    ]);
  });
});
