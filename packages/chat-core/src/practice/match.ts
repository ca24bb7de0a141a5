import type { TargetLanguage } from './levels';
import { toSimplified } from './script';

const CONTRACTIONS: Array<[RegExp, string]> = [
  [/\bi'm\b/g, 'i am'],
  [/\b(you|we|they)'re\b/g, '$1 are'],
  [/\b(he|she|it|that|there|what)'s\b/g, '$1 is'],
  [/\b(\w+)n't\b/g, '$1 not'],
  [/\bcan not\b/g, 'cannot'],
  [/\bwo not\b/g, 'will not'],
  [/\b(i|you|we|they)'ve\b/g, '$1 have'],
  [/\b(i|you|he|she|we|they)'ll\b/g, '$1 will'],
  [/\b(i|you|he|she|we|they)'d\b/g, '$1 would'],
];

/**
 * A translation as compared with the references: NFKC (full-width to half-width), lower case, no punctuation;
 * English contractions spelled out and spaces collapsed; Chinese without spaces, in simplified characters (a learner
 * typing 繁體 matches a 简体 reference, and the other way round).
 */
export function normalizeTranslation(text: string, language: TargetLanguage): string {
  let s = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'");
  if (language === 'en') {
    for (const [pattern, full] of CONTRACTIONS) s = s.replace(pattern, full);
    return s
      .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  }
  return toSimplified(s).replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Levenshtein distance over code points (translations are short: a few hundred characters at most). */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[y.length]!;
}

export type ReferenceMatch =
  | { kind: 'exact'; reference: string }
  | { kind: 'near'; reference: string; similarity: number }
  | { kind: 'none'; closest: string; similarity: number };

/** How close two normalized translations are, 0-1. */
export function similarity(a: string, b: string): number {
  const longest = Math.max(Array.from(a).length, Array.from(b).length);
  return longest === 0 ? 1 : 1 - editDistance(a, b) / longest;
}

/** A small slip (a typo, a missing article) of a reference is accepted without asking a model. */
export const NEAR_MATCH = 0.9;

export function matchReference(
  answer: string,
  references: readonly string[],
  language: TargetLanguage,
): ReferenceMatch {
  const mine = normalizeTranslation(answer, language);
  let best = { reference: references[0] ?? '', similarity: -1 };
  for (const reference of references) {
    const theirs = normalizeTranslation(reference, language);
    if (mine === theirs) return { kind: 'exact', reference };
    const s = similarity(mine, theirs);
    if (s > best.similarity) best = { reference, similarity: s };
  }
  // Near matches need some length: one wrong character of a four-character answer is a different word.
  const longEnough = Array.from(mine).length >= (language === 'zh' ? 6 : 12);
  return best.similarity >= NEAR_MATCH && longEnough
    ? { kind: 'near', ...best }
    : { kind: 'none', closest: best.reference, similarity: Math.max(0, best.similarity) };
}
