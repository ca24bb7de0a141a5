import { z } from 'zod';

/** Languages a learner can practise. Ids match the UI languages, so explanations can use the same codes. */
export const TARGET_LANGUAGES = ['en', 'zh'] as const;
export const targetLanguageSchema = z.enum(TARGET_LANGUAGES);
export type TargetLanguage = z.infer<typeof targetLanguageSchema>;

/** The learner's interface language, in which explanations are written. */
export const uiLanguageSchema = z.enum(['en', 'zh']);
export type UiLanguage = z.infer<typeof uiLanguageSchema>;

/** CEFR A1-C1 for English; HSK 1-6 (HSK 2.0 bands, which schools still teach to) for Chinese. */
export const CEFR_LEVELS = ['A1', 'A2', 'B1', 'B2', 'C1'] as const;
export const HSK_LEVELS = ['HSK1', 'HSK2', 'HSK3', 'HSK4', 'HSK5', 'HSK6'] as const;
export const LEVELS = [...CEFR_LEVELS, ...HSK_LEVELS] as const;
export const levelSchema = z.enum(LEVELS);
export type Level = z.infer<typeof levelSchema>;

export function levelsFor(language: TargetLanguage): readonly Level[] {
  return language === 'en' ? CEFR_LEVELS : HSK_LEVELS;
}

export function levelFits(language: TargetLanguage, level: Level): boolean {
  return levelsFor(language).includes(level);
}

/** 0 for the lowest level of the language's scale. */
export function levelRank(level: Level): number {
  const cefr = (CEFR_LEVELS as readonly string[]).indexOf(level);
  return cefr >= 0 ? cefr : (HSK_LEVELS as readonly string[]).indexOf(level);
}

export const LANGUAGE_NAMES: Record<TargetLanguage, { en: string; zh: string }> = {
  en: { en: 'English', zh: '英语' },
  zh: { en: 'Chinese', zh: '中文' },
};

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;

/** Whether a line is plausibly written in the language: Chinese needs Han characters, English Latin letters and none. */
export function writtenIn(language: TargetLanguage, text: string): boolean {
  return language === 'zh' ? HAN.test(text) : LATIN.test(text) && !HAN.test(text);
}
