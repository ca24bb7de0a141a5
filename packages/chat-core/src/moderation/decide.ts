import type { ModerationResult } from '../types';

/**
 * Categories (OpenAI's names) where the tutor refuses instead of answering: self-harm intent or instructions,
 * sexual content involving minors, credible violent threats, and instructions for weapons or violent crime.
 */
export const REFUSE_CATEGORIES = [
  'self-harm/intent',
  'self-harm/instructions',
  'sexual/minors',
  'harassment/threatening',
  'hate/threatening',
  'illicit/violent',
] as const;

export const FLAG_THRESHOLD = 0.5;

/** Flags at FLAG_THRESHOLD; refuses when a refuse category reaches it (or the provider itself flagged one). */
export function decide(
  scores: Record<string, number>,
  providerFlags: Record<string, boolean | null> = {},
  providerFlagged = false,
): ModerationResult {
  const reaches = (category: string) => providerFlags[category] === true || (scores[category] ?? 0) >= FLAG_THRESHOLD;
  return {
    flagged: providerFlagged || Object.keys(scores).some(reaches),
    categories: scores,
    refuse: REFUSE_CATEGORIES.some(reaches),
  };
}
