import { createPrismaClient } from './client';
import type { PrismaClient } from './generated/prisma/client';
import { parseDatabaseUrl, urlForDatabase } from './migrate/database-url';
import { createDatabase, dropDatabase, uniqueDatabaseName } from './migrate/databases';
import { deployMigrations } from './migrate/deploy';

const DEFAULT_SERVER_URL = 'postgresql://root@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** Connection URL of the new database, for code under test that builds its own client (a pooler's, if any). */
  url: string;
  /** The same database on PostgreSQL itself, never through a pooler. */
  directUrl: string;
  prisma: PrismaClient;
  /** Disconnects `prisma` and drops the database, even if other sessions still use it. */
  drop(): Promise<void>;
}

/**
 * A fresh, fully migrated database of its own (`lumi_test_<random>`) on DATABASE_URL's server (default: the local
 * PostgreSQL as root). When DIRECT_DATABASE_URL is set too, DATABASE_URL is a pooler in front of that server: the
 * database is made, migrated and dropped directly, and `prisma` queries it through the pooler, as a node would.
 * Call `drop()` in teardown.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const pooledServer = parseDatabaseUrl(process.env.DATABASE_URL ?? DEFAULT_SERVER_URL).toString();
  const directServer = process.env.DIRECT_DATABASE_URL
    ? parseDatabaseUrl(process.env.DIRECT_DATABASE_URL, 'DIRECT_DATABASE_URL').toString()
    : pooledServer;
  const name = uniqueDatabaseName('lumi_test');
  const directUrl = await createDatabase(directServer, name);
  try {
    await deployMigrations({ databaseUrl: directUrl });
  } catch (error) {
    await dropDatabase(directServer, name);
    throw error;
  }
  const url = urlForDatabase(pooledServer, name);
  const prisma = createPrismaClient(url, { directUrl });
  let dropped: Promise<void> | undefined;
  return {
    url,
    directUrl,
    prisma,
    drop: () =>
      (dropped ??= (async () => {
        await prisma.$disconnect();
        await dropDatabase(directServer, name);
      })()),
  };
}
