import { z } from 'zod';

/** Longest retention an admin can set: ten years. */
export const MAX_RETENTION_DAYS = 3650;

export const setRetentionInput = z.object({
  /** Days message text is kept; null keeps it for good (the default). */
  days: z
    .number()
    .int('Whole days only.')
    .min(1, 'Keep text at least one day.')
    .max(MAX_RETENTION_DAYS, `At most ${MAX_RETENTION_DAYS} days.`)
    .nullable(),
});
