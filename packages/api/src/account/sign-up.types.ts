import { z } from 'zod';
import { formMessage } from '../errors/form-messages';

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: formMessage('form.emailInvalid') }))
  .refine((e) => e.length <= 254, formMessage('form.emailTooLong'));

export const passwordSchema = z
  .string()
  .min(8, formMessage('form.passwordShort'))
  .max(200, formMessage('form.passwordLong'));

export const languageSchema = z.enum(['EN', 'ZH']);

export const signUpInput = z.discriminatedUnion('role', [
  z.object({
    role: z.literal('STUDENT'),
    name: z.string().trim().min(1, formMessage('form.nameRequired')).max(80),
    email: emailSchema,
    password: passwordSchema,
    joinCode: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{4,12}$/, formMessage('form.joinCodeShape')),
    language: languageSchema.default('EN'),
  }),
  z.object({
    role: z.literal('TEACHER'),
    name: z.string().trim().min(1, formMessage('form.nameRequired')).max(80),
    email: emailSchema,
    password: passwordSchema,
    language: languageSchema.default('EN'),
  }),
]);

export type SignUpInput = z.input<typeof signUpInput>;
