import { z } from 'zod';
import type { ChatError, ChatErrorCode } from '../errors';

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

/** Failures worth trying again at once: the provider's 429 and 5xx, and connections that broke or never opened. */
const autoRetried: ReadonlySet<ChatErrorCode> = new Set([
  'PROVIDER_RATE_LIMITED',
  'PROVIDER_ERROR',
  'PROVIDER_NETWORK',
]);

/** How long to wait before attempt `attempt + 1`, or undefined to give up and surface the error. */
export function retryDelayMs(error: ChatError, attempt: number, policy: RetryPolicy): number | undefined {
  if (!error.retryable || !autoRetried.has(error.code) || attempt >= policy.maxRetries) return undefined;
  if (error.retryAfterMs === undefined) return backoffDelayMs(attempt, policy);
  // Waiting longer than the cap would leave the student staring at nothing; report the wait instead.
  return error.retryAfterMs <= policy.maxRetryAfterMs ? error.retryAfterMs : undefined;
}
