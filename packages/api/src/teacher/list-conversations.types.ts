import { z } from 'zod';
import { tutorModeSchema } from '../conversations/conversation.types';
import { dayRangeSchema, idSchema } from './dashboard.types';

export const classConversationsInput = z.object({
  classId: idSchema,
  studentId: idSchema.optional(),
  mode: tutorModeSchema.optional(),
  /** Sessions active (a message) within these UTC days. */
  range: dayRangeSchema.optional(),
  flagged: z.boolean().optional(),
  limit: z.number().int().min(1).max(100).default(25),
  /** The last row of the previous page. */
  cursor: z.object({ lastMessageAt: z.date(), id: idSchema }).nullish(),
});
