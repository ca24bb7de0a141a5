import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { postgresUserIds } from '../embedded/run-as-postgres';
import { freePort, stopChild, waitForPort } from './process';

export const PGBOUNCER_BIN = '/usr/sbin/pgbouncer';

export interface RunningPgBouncer {
  /** `serverUrl` with host and port swapped for the pooler's, and `?pgbouncer=true` (Lumi's pooler setting). */
  url: string;
  port: number;
  stop(): Promise<void>;
}

/**
 * Debian's PgBouncer (1.18: no prepared-statement support) in transaction mode, as a child process with a config
 * of its own, in front of the PostgreSQL server of `serverUrl`: every database on that server is reachable through
 * it. It refuses to run as root, so as root it runs as the system user `postgres`.
 */
export async function startPgBouncer(
  serverUrl: string,
  options: { poolSize?: number } = {},
): Promise<RunningPgBouncer> {
  const server = new URL(serverUrl);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lumi-pgbouncer-'));
  chmodSync(dir, 0o777);
  const port = await freePort();
  const user = decodeURIComponent(server.username || os.userInfo().username);
  const password = decodeURIComponent(server.password);
  const files = {
    config: path.join(dir, 'pgbouncer.ini'),
    users: path.join(dir, 'userlist.txt'),
    log: path.join(dir, 'pgbouncer.log'),
  };
  // Clients are this machine's tests and nodes: trusted by name; the server gets the URL's password.
  writeFileSync(files.users, `"${user}" "${password}"\n`, { mode: 0o644 });
  writeFileSync(
    files.config,
    [
      '[databases]',
      `* = host=${server.hostname} port=${server.port || 5432}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      "unix_socket_dir = ''",
      'auth_type = trust',
      `auth_file = ${files.users}`,
      'pool_mode = transaction',
      'max_client_conn = 2000',
      `default_pool_size = ${options.poolSize ?? 20}`,
      'max_db_connections = 0',
      // Tests make and drop a database each; let pooled server connections to a dropped one go quickly.
      'server_lifetime = 60',
      'server_idle_timeout = 10',
      'ignore_startup_parameters = extra_float_digits,options',
      `logfile = ${files.log}`,
      'log_connections = 0',
      'log_disconnections = 0',
      '',
    ].join('\n'),
    { mode: 0o644 },
  );
  const child = spawn(PGBOUNCER_BIN, [files.config], {
    stdio: ['ignore', 'ignore', 'pipe'],
    ...(process.getuid?.() === 0 ? (postgresUserIds() ?? {}) : {}),
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    await waitForPort(port, child);
  } catch (error) {
    const log = existsSync(files.log) ? readFileSync(files.log, 'utf8') : '';
    child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`PgBouncer did not start: ${(error as Error).message}\n${stderr}${log}`.trim());
  }
  const url = new URL(serverUrl);
  url.hostname = '127.0.0.1';
  url.port = String(port);
  url.searchParams.set('pgbouncer', 'true');
  return {
    url: url.toString(),
    port,
    async stop() {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
