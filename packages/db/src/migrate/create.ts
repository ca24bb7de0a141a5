import path from 'node:path';
import { withScratchDatabase } from './databases';
import { noFilters, withSchemaEngine } from './engine';
import { MigrationError } from './errors';
import {
  defaultMigrationsDir,
  type MigrationPaths,
  readMigrationsList,
  readSchemaFiles,
  writeMigration,
} from './files';
import { resolveDatabaseUrl } from './server-url';

/** Folder-safe like `prisma migrate dev`'s names: "Add Quiz table" becomes "add_quiz_table". */
export function migrationSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 200);
  if (!slug)
    throw new MigrationError(`Migration name "${name}" has no letters or digits; use something like add_quiz_table.`);
  return slug;
}

export interface CreatedMigration {
  /** Folder name, `<yyyymmddhhmmss>_<name>`. */
  migrationName: string;
  /** Absolute path of the new migration.sql. */
  file: string;
  script: string;
}

/**
 * Writes the next migration from the difference between the migrations and the schema, like
 * `prisma migrate dev --create-only`. Returns null when there is no difference, unless `draft`
 * asks for an empty migration to fill in by hand. Never touches DATABASE_URL's own database.
 */
export async function createMigration(
  options: MigrationPaths & { name: string; draft?: boolean; databaseUrl?: string },
): Promise<CreatedMigration | null> {
  const slug = migrationSlug(options.name);
  const serverUrl = resolveDatabaseUrl(options.databaseUrl);
  const migrationsDir = path.resolve(options.migrationsDir ?? defaultMigrationsDir);
  const [files, migrationsList] = await Promise.all([
    readSchemaFiles(options.schemaPath),
    readMigrationsList(migrationsDir),
  ]);
  // The wasm engine cannot open its own shadow database for this command: it builds on what
  // diagnoseMigrationHistory computed, against a database that already holds every migration.
  const output = await withScratchDatabase(serverUrl, (databaseUrl) =>
    withSchemaEngine({ databaseUrl, schemaFiles: files }, async (engine) => {
      await engine.applyMigrations({ migrationsList, filters: noFilters });
      await engine.diagnoseMigrationHistory({ migrationsList, optInToShadowDatabase: true, filters: noFilters });
      return engine.createMigration({
        draft: options.draft ?? false,
        migrationName: slug,
        migrationsList,
        schema: { files },
        filters: noFilters,
      });
    }),
  );
  if (output.migrationScript === null) return null;
  const file = await writeMigration(migrationsDir, output.generatedMigrationName, output.migrationScript);
  return { migrationName: output.generatedMigrationName, file, script: output.migrationScript };
}
