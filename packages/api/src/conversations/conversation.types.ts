import { TUTOR_MODE_IDS } from '@lumi/chat-core/modes';
import { z } from 'zod';
import { formMessage } from '../errors/form-messages';

export const tutorModeSchema = z.enum(TUTOR_MODE_IDS);

const id = z.string().min(1).max(64);

/** Modes that work between two languages: the student says which when starting the session. */
export const LANGUAGE_MODES = ['TRANSLATION', 'LANGUAGE_PRACTICE'] as const;
export const isLanguageMode = (mode: string): mode is (typeof LANGUAGE_MODES)[number] =>
  (LANGUAGE_MODES as readonly string[]).includes(mode);
/** The languages offered for those sessions (BCP 47); the browser names them in the screen's language. */
export const SESSION_LANGUAGES = ['en', 'zh', 'es', 'fr', 'de', 'it', 'pt', 'ru', 'ar', 'hi', 'ja', 'ko'] as const;
const sessionLanguage = z.enum(SESSION_LANGUAGES);

export const conversationIdInput = z.object({ conversationId: id });

/**
 * The stored title of a session its first message (or its student) has not named yet; screens show it in their own
 * language.
 */
export const UNTITLED_SESSION = 'New session';

export const createConversationInput = z
  .object({
    mode: tutorModeSchema.default('GENERAL'),
    persona: z.string().trim().max(4000, formMessage('form.personaTooLong')).optional(),
    classId: id.optional(),
    model: z.string().trim().min(1).max(100).optional(),
    title: z.string().trim().min(1).max(120).optional(),
    sourceLanguage: sessionLanguage.optional(),
    targetLanguage: sessionLanguage.optional(),
  })
  .refine((v) => v.mode !== 'CUSTOM' || (v.persona?.length ?? 0) > 0, {
    message: formMessage('form.personaNeeded'),
    path: ['persona'],
  })
  .refine(
    (v) => !isLanguageMode(v.mode) || (v.sourceLanguage && v.targetLanguage && v.sourceLanguage !== v.targetLanguage),
    { message: formMessage('form.languagesNeeded'), path: ['targetLanguage'] },
  );

export const listConversationsInput = z.object({
  search: z.string().trim().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(30),
  /** Id of the last conversation of the previous page. */
  cursor: id.nullish(),
});

export const renameConversationInput = z.object({
  conversationId: id,
  title: z.string().trim().min(1, formMessage('form.titleEmpty')).max(120),
});

export const exportConversationInput = z.object({
  conversationId: id,
  format: z.enum(['markdown', 'json']),
  /** The language of the Markdown's headings and mode name: the student's screen language. */
  locale: z.enum(['en', 'zh']).default('en'),
});
