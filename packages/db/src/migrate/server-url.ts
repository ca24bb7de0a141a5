import { parseDatabaseUrl } from './database-url';

/** The database URL a command was given, or DATABASE_URL; validated, so mistakes read as one clear sentence. */
export function resolveDatabaseUrl(databaseUrl?: string): string {
  return parseDatabaseUrl(
    databaseUrl ?? process.env.DATABASE_URL,
    databaseUrl === undefined ? 'DATABASE_URL' : 'databaseUrl',
  ).toString();
}
