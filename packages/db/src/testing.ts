import { createPrismaClient } from './client';
import type { PrismaClient } from './generated/prisma/client';
import { parseDatabaseUrl } from './migrate/database-url';
import { createDatabase, dropDatabase, uniqueDatabaseName } from './migrate/databases';
import { deployMigrations } from './migrate/deploy';

const DEFAULT_SERVER_URL = 'postgresql://root@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** Connection URL of the new database, for code under test that builds its own client. */
  url: string;
  prisma: PrismaClient;
  /** Disconnects `prisma` and drops the database, even if other sessions still use it. */
  drop(): Promise<void>;
}

/**
 * A fresh, fully migrated database of its own (`lumi_test_<random>`) on DATABASE_URL's server
 * (default: the local PostgreSQL as root). Call `drop()` in teardown.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = parseDatabaseUrl(process.env.DATABASE_URL ?? DEFAULT_SERVER_URL).toString();
  const name = uniqueDatabaseName('lumi_test');
  const url = await createDatabase(serverUrl, name);
  try {
    await deployMigrations({ databaseUrl: url });
  } catch (error) {
    await dropDatabase(serverUrl, name);
    throw error;
  }
  const prisma = createPrismaClient(url);
  let dropped: Promise<void> | undefined;
  return {
    url,
    prisma,
    drop: () =>
      (dropped ??= (async () => {
        await prisma.$disconnect();
        await dropDatabase(serverUrl, name);
      })()),
  };
}
