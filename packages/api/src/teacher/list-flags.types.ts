import { z } from 'zod';
import { idSchema } from './dashboard.types';

export const listFlagsInput = z.object({
  /** One class; without it, every class the caller oversees. */
  classId: idSchema.optional(),
  status: z.enum(['open', 'reviewed', 'all']).default('open'),
  limit: z.number().int().min(1).max(100).default(25),
  cursor: z.object({ createdAt: z.date(), id: idSchema }).nullish(),
});

export const reviewFlagInput = z.object({
  flagId: idSchema,
  /** True marks it reviewed (by the caller, now); false re-opens it. */
  reviewed: z.boolean(),
});
