import { z } from 'zod';
import { daySchema, idSchema } from './dashboard.types';

/** A class and a week (its first UTC day, a Monday), in the language the teacher reads. */
export const insightInput = z.object({
  classId: idSchema,
  weekStart: daySchema.refine((day) => new Date(`${day}T00:00:00Z`).getUTCDay() === 1, 'A week starts on a Monday.'),
  language: z.enum(['en', 'zh']),
});

/** A message a claim cites, with its session so the teacher's link opens the transcript at it. */
export interface InsightSource {
  id: string;
  conversationId: string;
}
export interface InsightClaimView {
  title: string;
  detail: string;
  sources: InsightSource[];
}
/** What ClassInsight.content holds. */
export interface InsightContent {
  summary: string;
  topics: InsightClaimView[];
  misconceptions: InsightClaimView[];
  students: Array<{ studentId: string; name: string; reason: string; sources: InsightSource[] }>;
}
