import { z } from 'zod';
import { idSchema } from './dashboard.types';

export const searchMessagesInput = z.object({
  classId: idSchema,
  query: z
    .string()
    .trim()
    .min(1, 'Type a word to search for.')
    .max(100, 'Search for at most 100 characters.')
    .refine((q) => /[\p{L}\p{N}]/u.test(q), 'Type a word to search for.'),
  limit: z.number().int().min(1).max(50).default(20),
  cursor: z.object({ createdAt: z.date(), id: idSchema }).nullish(),
});
