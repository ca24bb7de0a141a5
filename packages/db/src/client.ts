import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from './generated/prisma/client';

const pools = new WeakMap<PrismaClient, pg.Pool>();

/** A Prisma client over node-postgres. Callers own its lifetime (`$disconnect`). */
export function createPrismaClient(connectionString: string, options: { max?: number } = {}): PrismaClient {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10 });
  // An idle connection that breaks (a database restart) must not crash the node; the next query reconnects.
  pool.on('error', (error) => console.error('lumi: an idle database connection failed', error.message));
  // The adapter ends an external pool only when told to; the client's $disconnect stays the one way to close.
  const client = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(client, pool);
  return client;
}

/** The node-postgres pool under a client made by createPrismaClient (see prepared.ts). */
export function poolOf(client: PrismaClient): pg.Pool {
  const pool = pools.get(client);
  if (!pool) throw new Error('This Prisma client was not made by createPrismaClient, so it has no pool to share.');
  return pool;
}
