import { setTimeout as delay } from 'node:timers/promises';

/** Waits `ms`; resolves false at once (without throwing) when `signal` aborts first. */
export async function sleepUnlessAborted(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return false;
  try {
    await delay(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}
