import { z } from 'zod';

// Control characters other than tab and newline never belong in exercise text (NUL breaks PostgreSQL text).
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Trimmed, well-formed (no lone surrogates), free of control characters, within a length range. */
export function cleanText(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !LONE_SURROGATE.test(s), 'This text contains a broken character.')
    .refine((s) => !CONTROL.test(s), 'This text contains a control character.');
}

/** Text shown to learners: one string for every UI language, or one per UI language (the built-in library). */
export const localTextSchema = (max: number) =>
  z.union([cleanText(1, max), z.object({ en: cleanText(1, max), zh: cleanText(1, max) })]);
export type LocalText = string | { en: string; zh: string };

export function localize(text: LocalText, language: 'en' | 'zh'): string {
  return typeof text === 'string' ? text : text[language];
}
