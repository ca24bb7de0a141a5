import { FLAG_THRESHOLD } from '@lumi/chat-core';
import type { Prisma } from '@lumi/db';

export interface FlagCategory {
  category: string;
  score: number;
}

/** A flag's categories, highest score first, keeping those at or above the flagging threshold (at least one). */
export function flagCategories(stored: Prisma.JsonValue): FlagCategory[] {
  const entries =
    stored && typeof stored === 'object' && !Array.isArray(stored)
      ? Object.entries(stored).flatMap(([category, score]) =>
          typeof score === 'number' && Number.isFinite(score) ? [{ category, score }] : [],
        )
      : [];
  entries.sort((a, b) => b.score - a.score || a.category.localeCompare(b.category));
  const reached = entries.filter((e) => e.score >= FLAG_THRESHOLD);
  return reached.length > 0 ? reached : entries.slice(0, 1);
}
