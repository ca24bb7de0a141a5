import { z } from 'zod';

export const tutorModeSchema = z.enum([
  'GENERAL',
  'MATHS',
  'SCIENCE',
  'PROGRAMMING',
  'WRITING',
  'TRANSLATION',
  'LANGUAGE_PRACTICE',
  'CUSTOM',
]);

const id = z.string().min(1).max(64);

export const conversationIdInput = z.object({ conversationId: id });

export const createConversationInput = z
  .object({
    mode: tutorModeSchema.default('GENERAL'),
    persona: z.string().trim().max(4000, 'Keep the persona under 4,000 characters.').optional(),
    classId: id.optional(),
    model: z.string().trim().min(1).max(100).optional(),
    title: z.string().trim().min(1).max(120).optional(),
  })
  .refine((v) => v.mode !== 'CUSTOM' || (v.persona?.length ?? 0) > 0, {
    message: 'A custom tutor needs a persona.',
    path: ['persona'],
  });

export const listConversationsInput = z.object({
  search: z.string().trim().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(30),
  /** Id of the last conversation of the previous page. */
  cursor: id.nullish(),
});

export const renameConversationInput = z.object({
  conversationId: id,
  title: z.string().trim().min(1, 'The title cannot be empty.').max(120),
});

export const exportConversationInput = z.object({
  conversationId: id,
  format: z.enum(['markdown', 'json']),
  /** The language of the Markdown's headings and mode name: the student's screen language. */
  locale: z.enum(['en', 'zh']).default('en'),
});
