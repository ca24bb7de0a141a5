import { z } from 'zod';

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Enter a valid email address.' }))
  .refine((e) => e.length <= 254, 'Email addresses are at most 254 characters.');

export const passwordSchema = z.string().min(8, 'Use at least 8 characters.').max(200, 'Use at most 200 characters.');

export const languageSchema = z.enum(['EN', 'ZH']);

export const signUpInput = z.discriminatedUnion('role', [
  z.object({
    role: z.literal('STUDENT'),
    name: z.string().trim().min(1, 'Enter your name.').max(80),
    email: emailSchema,
    password: passwordSchema,
    joinCode: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{4,12}$/, 'Join codes are 4 to 12 letters and digits.'),
    language: languageSchema.default('EN'),
  }),
  z.object({
    role: z.literal('TEACHER'),
    name: z.string().trim().min(1, 'Enter your name.').max(80),
    email: emailSchema,
    password: passwordSchema,
    language: languageSchema.default('EN'),
  }),
]);

export type SignUpInput = z.input<typeof signUpInput>;
