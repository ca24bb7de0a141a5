export { createMigration, type CreatedMigration } from './create';
export { DatabaseUrlError, parseDatabaseUrl } from './database-url';
export { deployMigrations } from './deploy';
export { checkDrift } from './drift';
export { MigrationError } from './errors';
export { defaultMigrationsDir, defaultSchemaPath, type MigrationPaths } from './files';
export { resolveMigration, type Resolution } from './resolve';
export { migrationStatus, type MigrationStatus } from './status';
