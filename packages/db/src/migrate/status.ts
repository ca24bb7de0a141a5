import { noFilters, withSchemaEngine } from './engine';
import { migrationsDiffTarget, readMigrationsList, readSchemaFiles } from './files';
import { resolveDatabaseUrl } from './server-url';

export interface MigrationStatus {
  /** Migrations from the folder that the database has applied successfully. */
  applied: string[];
  /** Migrations from the folder that the database has not applied yet. */
  pending: string[];
  /** Migrations recorded as failed; deploy refuses until each is resolved. */
  failed: string[];
  /** Applied migrations whose file changed since. */
  edited: string[];
  /** Migrations the database applied that the folder does not have. */
  missingFromFolder: string[];
  /**
   * True when the database's schema differs from what its migrations build (changes made by
   * hand). Only compared when nothing is pending, failed or missing; null otherwise.
   */
  drift: boolean | null;
  upToDate: boolean;
}

const DIFFERENT = 2;

/** Compares the database with the migrations folder, like `prisma migrate status`, plus a drift check. */
export async function migrationStatus(
  options: { databaseUrl?: string; migrationsDir?: string; schemaPath?: string } = {},
): Promise<MigrationStatus> {
  const databaseUrl = resolveDatabaseUrl(options.databaseUrl);
  const [files, migrationsList] = await Promise.all([
    readSchemaFiles(options.schemaPath),
    readMigrationsList(options.migrationsDir),
  ]);
  const local = migrationsList.migrationDirectories.map((directory) => directory.path);

  return withSchemaEngine({ databaseUrl, schemaFiles: files }, async (engine) => {
    const diagnosis = await engine.diagnoseMigrationHistory({
      migrationsList,
      optInToShadowDatabase: false,
      filters: noFilters,
    });
    const history = diagnosis.history;
    const pending = !diagnosis.hasMigrationsTable
      ? local
      : history && history.diagnostic !== 'migrationsDirectoryIsBehind'
        ? history.unappliedMigrationNames
        : [];
    const missingFromFolder =
      history && history.diagnostic !== 'databaseIsBehind' ? history.unpersistedMigrationNames : [];
    const failed = diagnosis.failedMigrationNames;
    const applied = local.filter((name) => !pending.includes(name) && !failed.includes(name));

    const comparable = pending.length === 0 && failed.length === 0 && missingFromFolder.length === 0;
    const drift = comparable
      ? (
          await engine.diff({
            from: migrationsDiffTarget(migrationsList),
            to: { tag: 'schemaDatasource', files, configDir: migrationsList.baseDir },
            script: true,
            exitCode: true,
            filters: noFilters,
          })
        ).exitCode === DIFFERENT
      : null;
    const edited = diagnosis.editedMigrationNames;
    return {
      applied,
      pending,
      failed,
      edited,
      missingFromFolder,
      drift,
      upToDate: comparable && edited.length === 0 && drift === false,
    };
  });
}
