import { setTimeout as sleep } from 'node:timers/promises';
import { isDatabaseUnreachable } from '../errors/database-unreachable';

/**
 * How long the stream of a finished reply waits for a database that went away (a restart or a failover takes
 * seconds): the student has seen its text, so `done` waits for the save.
 */
export const SAVE_PATIENCE_MS = 60_000;
/**
 * After that the stream ends with SAVE_FAILED, and the node goes on holding the reply in memory and trying to write
 * it for this long, so a longer outage still keeps it; a node that stops before then leaves the row to the orphan
 * sweep, which keeps the text written through so far.
 */
export const KEEP_TRYING_MS = 30 * 60_000;

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
