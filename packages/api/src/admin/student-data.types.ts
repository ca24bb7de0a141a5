import { z } from 'zod';
import { idSchema } from '../teacher/dashboard.types';

export const findStudentsInput = z.object({
  /** Part of a student's name or email. */
  query: z.string().trim().min(2, 'Type at least two letters of a name or email.').max(200),
});

export const studentIdInput = z.object({ studentId: idSchema });
