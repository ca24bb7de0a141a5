import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { Problem } from './problem';
import { root } from './paths';

const running = new Set<ChildProcess>();

/** Runs a command with the terminal attached; resolves with its exit code. */
export function run(command: string, args: string[], options: SpawnOptions = {}): Promise<number> {
  const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
  running.add(child);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      running.delete(child);
      resolve(code ?? 128 + (signal ? constants.signals[signal] : 0));
    });
  });
}

/** Like `run`, but a non-zero exit becomes a Problem naming the step (its own output already said why). */
export async function step(what: string, command: string, args: string[], options: SpawnOptions = {}): Promise<void> {
  const code = await run(command, args, options);
  if (code !== 0) throw new Problem(`${what} failed (exit code ${code}); see the output above.`);
}

/** Asks every child still running to stop and waits for them. */
export async function stopChildren(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill(signal);
        }),
    ),
  );
}
