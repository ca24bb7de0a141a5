import { z } from 'zod';
import { idSchema } from '../teacher/dashboard.types';

export const accessActionSchema = z.enum([
  'TRANSCRIPT_VIEW',
  'SEARCH_RESULTS',
  'FLAG_EXCERPTS',
  'EXPORT_USAGE',
  'EXPORT_ROSTER',
  'EXPORT_FLAGS',
  'EXPORT_TRANSCRIPTS',
  'STUDENT_EXPORT',
  'STUDENT_DELETE',
]);

export const listAccessLogInput = z.object({
  action: accessActionSchema.optional(),
  /** Only what was read or exported about this student. */
  studentId: idSchema.optional(),
  /** Only what this teacher or admin read or exported. */
  actorId: idSchema.optional(),
  limit: z.number().int().min(1).max(200).default(50),
  cursor: z.object({ createdAt: z.date(), id: idSchema }).nullish(),
});
