import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { urlForDatabase } from './database-url';

/** Double-quotes an identifier for PostgreSQL. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A name that cannot collide with another process's, safe to use unquoted too. */
export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${randomBytes(8).toString('hex')}`;
}

/** Runs `fn` on one connection to the database the URL names (the server's maintenance database). */
export async function withServerConnection<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createDatabase(
  serverUrl: string,
  name: string,
  options: { template?: string } = {},
): Promise<string> {
  const template = options.template ? ` TEMPLATE ${quoteIdentifier(options.template)}` : '';
  await withServerConnection(serverUrl, (client) =>
    client.query(`CREATE DATABASE ${quoteIdentifier(name)}${template}`),
  );
  return urlForDatabase(serverUrl, name);
}

/** Drops the database even while sessions are still connected to it. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await withServerConnection(serverUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`),
  );
}

/** A throwaway database on the URL's server for the duration of `fn`; always dropped afterwards. */
export async function withScratchDatabase<T>(serverUrl: string, fn: (url: string) => Promise<T>): Promise<T> {
  const name = uniqueDatabaseName('lumi_scratch');
  const url = await createDatabase(serverUrl, name);
  try {
    return await fn(url);
  } finally {
    await dropDatabase(serverUrl, name);
  }
}
