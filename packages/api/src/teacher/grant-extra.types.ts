import { z } from 'zod';
import { formMessage } from '../errors/form-messages';
import { idSchema } from './dashboard.types';

/** Extra tokens for one student of the class, for today (UTC) only; 0 takes a grant back. */
export const grantExtraInput = z.object({
  classId: idSchema,
  studentId: idSchema,
  tokens: z
    .number()
    .int()
    .min(0, formMessage('form.budgetNegative'))
    .max(10_000_000, formMessage('form.budgetTooLarge')),
});
