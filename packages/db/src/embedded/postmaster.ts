import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface PostmasterLock {
  pid: number;
  port: number;
}

/** PostgreSQL's own lock file: line 1 is the server's pid, line 4 its port. */
export function readPostmasterLock(dataDir: string): PostmasterLock | null {
  const file = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(file)) return null;
  const [pid, , , port] = readFileSync(file, 'utf8').split('\n');
  return { pid: Number(pid), port: Number(port) };
}

export function removePostmasterLock(dataDir: string): void {
  rmSync(path.join(dataDir, 'postmaster.pid'), { force: true });
}

/**
 * True when the pid belongs to a live process. A zombie counts as dead: an orphaned server is
 * re-parented to init, which in containers often never reaps it.
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const stat = readProcFile(pid, 'stat');
  return stat === null || !/^\d+ \(.*\) Z/.test(stat);
}

/** Whether the live pid is a PostgreSQL server rather than an unrelated process that inherited the pid. */
export function isPostgresProcess(pid: number): boolean {
  if (!isProcessAlive(pid)) return false;
  const cmdline = readProcFile(pid, 'cmdline');
  // Without /proc (macOS) trust the lock file.
  return cmdline === null || cmdline.includes('postgres');
}

/** Fast shutdown (SIGINT: sessions end, nothing committed is lost); resolves once it has released its lock file. */
export async function stopServer(dataDir: string, pid: number, timeoutMs = 30_000): Promise<boolean> {
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid) || readPostmasterLock(dataDir)?.pid !== pid) return true;
    await sleep(50);
  }
  return false;
}

function readProcFile(pid: number, name: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/${name}`, 'utf8');
  } catch {
    return null;
  }
}
