import { readPoolerSetting } from '../pooler-setting';
import { parseDatabaseUrl } from './database-url';

/**
 * The database URL a command was given, else DIRECT_DATABASE_URL, else DATABASE_URL; validated, so mistakes read
 * as one clear sentence. Migrations take a session-level advisory lock, which a transaction pooler would leave
 * held on its server connection: with a pooler in DATABASE_URL, DIRECT_DATABASE_URL names PostgreSQL itself.
 */
export function resolveDatabaseUrl(databaseUrl?: string): string {
  if (databaseUrl !== undefined) return parseDatabaseUrl(databaseUrl, 'databaseUrl').toString();
  const direct = process.env.DIRECT_DATABASE_URL;
  return direct
    ? parseDatabaseUrl(direct, 'DIRECT_DATABASE_URL').toString()
    : readPoolerSetting(parseDatabaseUrl(process.env.DATABASE_URL, 'DATABASE_URL').toString()).url;
}
