import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres } from '@lumi/db/embedded';
import { parseDatabaseUrl } from '@lumi/db/migrate';
import { Problem, say } from './problem';
import { lumiDir } from './paths';

export interface PreparedDatabase {
  url: string;
  stop: () => Promise<void>;
}

export const EMBEDDED_DATA_DIR = path.join(lumiDir, 'postgres');
export const DEFAULT_EMBEDDED_PORT = 54329;

/** The server DATABASE_URL names, checked up front; without it, the embedded PostgreSQL in .lumi/postgres. */
export async function prepareDatabase(env: NodeJS.ProcessEnv = process.env): Promise<PreparedDatabase> {
  if (env.DATABASE_URL) {
    await checkDatabaseUrl(env.DATABASE_URL);
    say('Using the PostgreSQL server from DATABASE_URL.');
    return { url: env.DATABASE_URL, stop: async () => {} };
  }
  const port = embeddedPort(env.LUMI_POSTGRES_PORT);
  const server = await startEmbeddedPostgres({ dataDir: EMBEDDED_DATA_DIR, port, onEvent: say });
  say(
    `Embedded PostgreSQL ${server.shared ? '(shared with another Lumi process in this folder) ' : ''}` +
      `on port ${server.port}, data in ${server.dataDir} (set DATABASE_URL to use your own server).`,
  );
  return { url: server.url, stop: () => server.stop() };
}

function embeddedPort(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_EMBEDDED_PORT;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Problem('LUMI_POSTGRES_PORT must be a port number between 1 and 65535; correct it or unset it.');
  }
  return port;
}

/** Connects once so a wrong URL ends with one sentence here instead of a stack trace from a later step. */
export async function checkDatabaseUrl(value: string): Promise<void> {
  const url = parseDatabaseUrl(value);
  const client = new pg.Client({ connectionString: value, connectionTimeoutMillis: 10_000 });
  // A failed connect may also emit 'error'; without a listener that would crash the process.
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Problem(explainConnectionError(error, url));
  } finally {
    await client.end().catch(() => {});
  }
}

function explainConnectionError(error: unknown, url: URL): string {
  const { code, message } = error as { code?: string; message?: string };
  const server = `${url.hostname}:${url.port || 5432}`;
  const database = decodeURIComponent(url.pathname.slice(1));
  switch (code) {
    case 'ECONNREFUSED':
      return `No PostgreSQL server answers at ${server}, the address in DATABASE_URL; start that server, correct DATABASE_URL, or unset it to use the embedded database.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The host "${url.hostname}" in DATABASE_URL cannot be resolved; correct DATABASE_URL or unset it to use the embedded database.`;
    case '3D000':
      return `The database "${database}" named in DATABASE_URL does not exist on ${server}; create it (for example "createdb ${database}") or point DATABASE_URL at an existing database.`;
    case '28P01':
    case '28000':
      return `The server at ${server} refused the user or password in DATABASE_URL; correct the credentials in DATABASE_URL.`;
    default:
      if (message?.includes('timeout')) {
        return `The server at ${server} in DATABASE_URL did not answer within 10 s; check that it runs and is reachable, or correct DATABASE_URL.`;
      }
      return `Could not connect to the PostgreSQL server in DATABASE_URL (${oneLine(message ?? String(error))}); check DATABASE_URL.`;
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
