import { withSchemaEngine } from './engine';
import { readMigrationsList } from './files';
import { resolveDatabaseUrl } from './server-url';

export type Resolution = 'applied' | 'rolled-back';

/**
 * Settles a recorded failure, like `prisma migrate resolve`: 'rolled-back' after undoing it by
 * hand (deploy then retries it), 'applied' after finishing it by hand (deploy skips it).
 */
export async function resolveMigration(options: {
  migrationName: string;
  as: Resolution;
  databaseUrl?: string;
  migrationsDir?: string;
}): Promise<void> {
  const databaseUrl = resolveDatabaseUrl(options.databaseUrl);
  const migrationsList = await readMigrationsList(options.migrationsDir);
  await withSchemaEngine({ databaseUrl }, async (engine) => {
    if (options.as === 'applied') {
      await engine.markMigrationApplied({ migrationName: options.migrationName, migrationsList });
    } else {
      await engine.markMigrationRolledBack({ migrationName: options.migrationName });
    }
  });
}
