import { readdir } from 'node:fs/promises';
import type { PrismaClient } from '@lumi/db';

export interface Readiness {
  ready: boolean;
  /** Why not, one short reason a person operating the node can act on; absent when ready. */
  reason?: string;
}

export interface ReadinessOptions {
  /** The migrations this build ships (Prisma's layout: one folder per migration). */
  migrationsDir: string;
  /** True once the node has begun shutting down: it finishes its replies but takes no new students. */
  draining: () => boolean;
  /** A database slower than this counts as unreachable, so a probe never hangs. */
  timeoutMs?: number;
}

/**
 * Whether this node should get traffic: not while it drains, while its database does not answer, or while the
 * database lacks a migration this build expects (a node started before the one-shot migrate command ran).
 */
export function readinessCheck(db: PrismaClient, options: ReadinessOptions): () => Promise<Readiness> {
  const timeoutMs = options.timeoutMs ?? 2_000;
  // Applied migrations never become unapplied, so once all are there the check is only a round trip.
  let migrated = false;
  return async () => {
    if (options.draining()) return { ready: false, reason: 'draining: the node is shutting down' };
    try {
      const pending = await withTimeout(
        migrated ? db.$queryRaw`SELECT 1`.then(() => []) : pendingMigrations(db, options.migrationsDir),
        timeoutMs,
      );
      if (pending.length > 0) {
        return { ready: false, reason: `migrations pending: ${pending.join(', ')} (run the migrate command)` };
      }
      migrated = true;
      return { ready: true };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return { ready: false, reason: `database unreachable: ${detail.replace(/\s+/g, ' ').slice(0, 200)}` };
    }
  };
}

async function pendingMigrations(db: PrismaClient, migrationsDir: string): Promise<string[]> {
  const shipped = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  if (shipped.length === 0) throw new Error(`no migrations found in ${migrationsDir}`);
  const [{ exists }] = await db.$queryRaw<
    [{ exists: boolean }]
  >`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists`;
  if (!exists) return shipped.sort();
  const rows = await db.$queryRaw<{ migration_name: string }[]>`
    SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  const applied = new Set(rows.map((row) => row.migration_name));
  return shipped.filter((name) => !applied.has(name)).sort();
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  // A query still running after the deadline must not become an unhandled rejection.
  work.catch(() => {});
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
