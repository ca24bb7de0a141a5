import { z } from 'zod';
import { passwordSchema } from '../account/sign-up.types';
import { formMessage } from '../errors/form-messages';

export const issueResetInput = z.object({ userId: z.string().min(1).max(64) });

/** Codes are read aloud and typed: any case, with or without the dashes they are shown with. */
export const redeemResetInput = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .transform((code) => code.replace(/[\s-]/g, ''))
    .pipe(z.string().regex(/^[A-Z0-9]{12}$/, formMessage('form.resetCodeShape'))),
  password: passwordSchema,
});
