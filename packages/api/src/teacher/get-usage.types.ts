import { z } from 'zod';
import { dayRangeSchema, idSchema } from './dashboard.types';

export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine((zone) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  }, 'Unknown time zone.');

export const usageInput = dayRangeSchema.and(
  z.object({
    classId: idSchema,
    /** What the daily bars are stacked by. */
    groupBy: z.enum(['model', 'mode']).default('model'),
    /** Where the teacher is: activity by hour is shown in their local hours. */
    timeZone: timeZoneSchema.default('UTC'),
  }),
);
export type UsageInput = z.input<typeof usageInput>;
