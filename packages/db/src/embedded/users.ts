import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isProcessAlive } from './postmaster';

/**
 * Who is using an embedded server: one file per user (a Lumi process may hold several), named after its pid.
 * The server stops only when its last live user stops; a user that was killed leaves a file with a dead pid,
 * which counts for nothing.
 */
export class ServerUsers {
  private readonly dir: string;

  constructor(dataDir: string) {
    this.dir = `${dataDir}.users`;
  }

  /** Registers one user of this process; returns its name for `leave`. */
  join(): string {
    mkdirSync(this.dir, { recursive: true });
    const name = `${process.pid}-${randomBytes(4).toString('hex')}`;
    writeFileSync(path.join(this.dir, name), '');
    return name;
  }

  leave(name: string): void {
    rmSync(path.join(this.dir, name), { force: true });
  }

  /** Live users other than `name`; files of dead processes are removed on the way. */
  others(name: string): string[] {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return [];
    }
    return names.filter((other) => {
      if (other === name) return false;
      if (isProcessAlive(Number(other.split('-')[0]))) return true;
      rmSync(path.join(this.dir, other), { force: true });
      return false;
    });
  }
}
