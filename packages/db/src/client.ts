import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client';
import { readPoolerSetting } from './pooler-setting';

export interface DatabaseOptions {
  /** Connections this client may open; default 10. */
  max?: number;
  /**
   * A URL that reaches PostgreSQL itself rather than a pooler, for what must keep one server connection (LISTEN).
   * Default: the URL the client was made with.
   */
  directUrl?: string;
}

/**
 * How statements reach the server. Named prepared statements are parsed and planned once per connection, but a
 * transaction-mode pooler (PgBouncer before 1.21, Supabase's port 6543, Neon's pooler) gives each transaction
 * whichever server connection is free, where the name is unknown or already taken; unnamed ones survive it.
 */
export type StatementMode = 'named' | 'unnamed';

interface Connection {
  pool: pg.Pool;
  statements: StatementMode;
  directUrl: string;
}

const connections = new WeakMap<PrismaClient, Connection>();

/**
 * A Prisma client over node-postgres. Callers own its lifetime (`$disconnect`). A URL ending in `?pgbouncer=true`
 * reaches a transaction-mode pooler: the client then uses only statements that survive it.
 */
export function createPrismaClient(connectionString: string, options: DatabaseOptions = {}): PrismaClient {
  const { url, pooled } = readPoolerSetting(connectionString);
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10 });
  // An idle connection that breaks (a database restart) must not crash the node; the next query reconnects.
  pool.on('error', (error) => console.error('lumi: an idle database connection failed', error.message));
  // The adapter ends an external pool only when told to; the client's $disconnect stays the one way to close.
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  connections.set(client, {
    pool,
    statements: pooled ? 'unnamed' : 'named',
    directUrl: options.directUrl ? readPoolerSetting(options.directUrl).url : url,
  });
  return client;
}

function connectionOf(client: PrismaClient): Connection {
  const connection = connections.get(client);
  if (!connection) {
    throw new Error('This Prisma client was not made by createPrismaClient, so it has no pool to share.');
  }
  return connection;
}

/** The node-postgres pool under a client made by createPrismaClient (see statement.ts). */
export function poolOf(client: PrismaClient): pg.Pool {
  return connectionOf(client).pool;
}

/** Which statements the client's server connection keeps (see StatementMode). */
export function statementModeOf(client: PrismaClient): StatementMode {
  return connectionOf(client).statements;
}

/** Where a connection of its own for LISTEN goes: PostgreSQL itself, never a transaction pooler. */
export function directUrlOf(client: PrismaClient): string {
  return connectionOf(client).directUrl;
}
