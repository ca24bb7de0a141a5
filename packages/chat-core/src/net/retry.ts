import { z } from 'zod';

export const retryPolicySchema = z.object({
  /** Extra attempts after the first (429, 5xx, connection failures before the first token). */
  maxRetries: z.number().int().nonnegative().default(2),
  /** First backoff step; doubles each attempt, with full jitter. */
  baseDelayMs: z.number().nonnegative().default(500),
  maxDelayMs: z.number().nonnegative().default(8_000),
  /** A Retry-After longer than this is not waited out: the error goes to the caller with `retryAfterMs`. */
  maxRetryAfterMs: z.number().nonnegative().default(20_000),
});

export type RetryPolicy = z.infer<typeof retryPolicySchema>;
export type RetryPolicyInput = z.input<typeof retryPolicySchema>;

/** Exponential backoff with full jitter: a random wait in [0, min(max, base * 2^attempt)]. */
export function backoffDelayMs(
  attempt: number,
  policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>,
  random = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling * random());
}

/**
 * The wait a response asks for: OpenAI's `retry-after-ms`, else `Retry-After` in seconds or as an HTTP date.
 * Undefined when absent or unreadable.
 */
export function parseRetryAfterMs(headers: Headers | undefined, now = Date.now()): number | undefined {
  const millis = Number.parseFloat(headers?.get('retry-after-ms') ?? '');
  if (Number.isFinite(millis) && millis >= 0) return millis;
  const value = headers?.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number.parseFloat(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
