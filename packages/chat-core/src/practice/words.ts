import type { TargetLanguage } from './levels';
import { toSimplified } from './script';

const segmenters = {
  en: new Intl.Segmenter('en', { granularity: 'word' }),
  zh: new Intl.Segmenter('zh', { granularity: 'word' }),
};

export interface WordToken {
  /** As written. */
  text: string;
  /** Lower-cased, curly apostrophes straightened, Chinese in simplified characters: what comparisons use. */
  norm: string;
  /** UTF-16 offsets in the text. */
  start: number;
  end: number;
}

/**
 * The words of a text, in order; Chinese is segmented into words (Intl.Segmenter's dictionary, offline), in its
 * simplified form when the conversion keeps every offset (it does, character for character), so traditional text
 * splits as its simplified twin does.
 */
export function wordsOf(text: string, language: TargetLanguage): WordToken[] {
  const tokens: WordToken[] = [];
  const simplified = language === 'zh' ? toSimplified(text) : text;
  const segmented = simplified.length === text.length ? simplified : text;
  for (const { segment, index, isWordLike } of segmenters[language].segment(segmented)) {
    if (!isWordLike) continue;
    const end = index + segment.length;
    const norm = normalizeWord(language === 'zh' ? toSimplified(segment) : segment);
    tokens.push({ text: text.slice(index, end), norm, start: index, end });
  }
  return tokens;
}

export function normalizeWord(word: string): string {
  return word.toLowerCase().replace(/[\u2018\u2019]/g, "'");
}

/** English forms that count as the dictionary word: plurals, third person, -ed, -ing (a light stemmer, no list). */
function englishForms(word: string): string[] {
  const forms = [word];
  const add = (...f: string[]) => forms.push(...f);
  if (word.endsWith('ies')) add(`${word.slice(0, -3)}y`);
  if (word.endsWith('es')) add(word.slice(0, -2));
  if (word.endsWith('s')) add(word.slice(0, -1));
  if (word.endsWith('ied')) add(`${word.slice(0, -3)}y`);
  if (word.endsWith('ed')) add(word.slice(0, -2), word.slice(0, -1));
  if (word.endsWith('ing')) add(word.slice(0, -3), `${word.slice(0, -3)}e`);
  if (/(.)\1(ed|ing)$/.test(word)) add(word.replace(/(.)\1(ed|ing)$/, '$1'));
  return forms;
}

/**
 * Whether the learner used `target` (a word or a phrase) in `tokens`: the target's own words must appear as
 * consecutive words of the text. Chinese words are compared after segmentation, so 咖啡 does not count inside
 * 咖啡馆; a target the segmenter splits differently (一杯 / 一 杯) still counts when consecutive words spell it, and
 * traditional and simplified characters count alike (點 is 点).
 */
export function usesTarget(tokens: WordToken[], target: string, language: TargetLanguage): boolean {
  if (language === 'zh') {
    const want = toSimplified(target.replace(/\s+/g, ''));
    for (let i = 0; i < tokens.length; i++) {
      let joined = '';
      for (let j = i; j < tokens.length && joined.length < want.length; j++) {
        joined += tokens[j]!.norm;
        if (joined === want) return true;
      }
    }
    return false;
  }
  const parts = wordsOf(target, 'en').map((t) => t.norm);
  if (parts.length === 0) return false;
  for (let i = 0; i + parts.length <= tokens.length; i++) {
    // Any word of a phrase may be inflected: "book a table" counts in "booked a table".
    if (parts.every((part, k) => englishForms(tokens[i + k]!.norm).includes(part))) return true;
  }
  return false;
}

/** Which of `targets` the learner used, in the targets' order. */
export function targetsUsed(text: string, targets: readonly string[], language: TargetLanguage): string[] {
  const tokens = wordsOf(text, language);
  return targets.filter((target) => usesTarget(tokens, target, language));
}
