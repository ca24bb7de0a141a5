import { setTimeout as sleep } from 'node:timers/promises';
import { isDatabaseUnreachable } from '../errors/database-unreachable';

/**
 * How long a finished reply is held in memory for a database that went away: the student has seen its text, so it
 * is written when the database returns (a restart or a failover takes seconds) rather than lost.
 */
export const SAVE_PATIENCE_MS = 60_000;

/**
 * Runs `write` (one idempotent statement: a settle that already committed changes nothing when run again) until it
 * succeeds, trying again with backoff while the database cannot be reached, for up to `patienceMs`; any other
 * failure, or the last one, is thrown.
 */
export async function saveWhenReachable<T>(write: () => Promise<T>, patienceMs = SAVE_PATIENCE_MS): Promise<T> {
  const deadline = Date.now() + patienceMs;
  for (let delayMs = 250; ; delayMs = Math.min(delayMs * 2, 4_000)) {
    try {
      return await write();
    } catch (error) {
      if (!isDatabaseUnreachable(error) || Date.now() + delayMs > deadline) throw error;
      await sleep(delayMs);
    }
  }
}
