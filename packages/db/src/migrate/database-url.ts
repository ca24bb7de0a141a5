/** A configuration problem the user fixes by setting an environment variable; the CLI prints only its message. */
export class DatabaseUrlError extends Error {
  override name = 'DatabaseUrlError';
}

/**
 * Validates a PostgreSQL connection URL. Messages name the variable but never echo its value,
 * which may hold a password.
 */
export function parseDatabaseUrl(value: string | undefined, variable = 'DATABASE_URL'): URL {
  const example = 'postgresql://user:password@127.0.0.1:5432/lumi';
  if (!value?.trim())
    throw new DatabaseUrlError(`${variable} is not set; set it to a PostgreSQL URL such as ${example}.`);
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new DatabaseUrlError(`${variable} is not a valid URL; expected a PostgreSQL URL such as ${example}.`);
  }
  if (url.protocol !== 'postgresql:' && url.protocol !== 'postgres:') {
    throw new DatabaseUrlError(`${variable} must start with postgresql:// (got ${url.protocol}//).`);
  }
  if (!url.hostname && !url.searchParams.has('host')) {
    throw new DatabaseUrlError(`${variable} names no host; expected a PostgreSQL URL such as ${example}.`);
  }
  if (databaseName(url) === '') {
    throw new DatabaseUrlError(`${variable} names no database; expected a PostgreSQL URL such as ${example}.`);
  }
  return url;
}

export function databaseName(url: URL): string {
  return decodeURIComponent(url.pathname.replace(/^\//, ''));
}

/** The same server and credentials, another database. */
export function urlForDatabase(serverUrl: string | URL, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

/** For a command-line tool: DATABASE_URL when it is usable, else its problem printed and the process ended. */
export function databaseUrlOrExit(): string {
  try {
    parseDatabaseUrl(process.env.DATABASE_URL);
    return process.env.DATABASE_URL!;
  } catch (error) {
    if (!(error instanceof DatabaseUrlError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
