import { withScratchDatabase } from './databases';
import { noFilters, withSchemaEngine } from './engine';
import { type MigrationPaths, migrationsDiffTarget, readMigrationsList, readSchemaFiles } from './files';
import { resolveDatabaseUrl } from './server-url';

/** The engine's diff exit code when the two sides differ. */
const DIFFERENT = 2;

/**
 * Compares the schema with what the migrations build. `drift` is true when a schema change has
 * no migration (or a migration was edited); `script` is the SQL that would close the gap.
 * Replays the migrations in throwaway databases on DATABASE_URL's server (needs CREATEDB).
 */
export async function checkDrift(
  options: MigrationPaths & { databaseUrl?: string } = {},
): Promise<{ drift: boolean; script: string }> {
  const serverUrl = resolveDatabaseUrl(options.databaseUrl);
  const [files, migrationsList] = await Promise.all([
    readSchemaFiles(options.schemaPath),
    readMigrationsList(options.migrationsDir),
  ]);
  const result = await withScratchDatabase(serverUrl, (databaseUrl) =>
    withSchemaEngine({ databaseUrl, schemaFiles: files }, (engine) =>
      engine.diff({
        from: migrationsDiffTarget(migrationsList),
        to: { tag: 'schemaDatamodel', files },
        script: true,
        exitCode: true,
        filters: noFilters,
      }),
    ),
  );
  return { drift: result.exitCode === DIFFERENT, script: result.stdout ?? '' };
}
