import { z } from 'zod';
import { dayRangeSchema, idSchema } from './dashboard.types';

export const exportUsageInput = dayRangeSchema.and(z.object({ classId: idSchema }));
export const exportTranscriptsInput = z.object({ classId: idSchema, range: dayRangeSchema.optional() });
