import { noFilters, withSchemaEngine } from './engine';
import { readMigrationsList } from './files';
import { resolveDatabaseUrl } from './server-url';

/**
 * Applies pending migrations in folder order, like `prisma migrate deploy`: under the engine's
 * advisory lock, recorded in `_prisma_migrations`, each file atomically. Refuses (P3009) while
 * a failed migration is recorded; see resolveMigration.
 */
export async function deployMigrations(
  options: { databaseUrl?: string; migrationsDir?: string } = {},
): Promise<{ applied: string[] }> {
  const databaseUrl = resolveDatabaseUrl(options.databaseUrl);
  const migrationsList = await readMigrationsList(options.migrationsDir);
  const output = await withSchemaEngine({ databaseUrl }, (engine) =>
    engine.applyMigrations({ migrationsList, filters: noFilters }),
  );
  return { applied: output.appliedMigrationNames };
}
