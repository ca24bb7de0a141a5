import type { DrillItem } from './drill';
import { z } from 'zod';
import {
  applyCorrections,
  correctionSchema,
  errorTypeSchema,
  type Correction,
  type ErrorType,
  type ModelReport,
} from './feedback';
import { levelSchema } from './levels';
import type { TargetLanguage, UiLanguage } from './levels';
import type { ObjectiveState } from './objectives';
import { pinyinOf } from './pinyin';
import { estimateFromModel, estimateLevel, scoreAttempt, type LearnerTurn } from './report';
import type { Scenario } from './scenario';
import { targetsUsed, wordsOf } from './words';

const score = z.int().min(0).max(100);

const reviewWordSchema = z.object({ word: z.string(), pinyin: z.string().optional(), gloss: z.string().optional() });
export type ReviewWord = z.infer<typeof reviewWordSchema>;

/** The end-of-roleplay report as stored and shown; read back through this schema. */
export const roleplayReportSchema = z.object({
  scores: z.object({ taskCompletion: score, accuracy: score, vocabularyRange: score, fluency: score }),
  level: z.object({
    level: levelSchema,
    source: z.enum(['model', 'measures']),
    evidence: z.array(z.object({ quote: z.string().optional(), note: z.string() })),
  }),
  /** The model's two-sentence summary, or null when its report was unavailable. */
  summary: z.string().nullable(),
  objectives: z.array(
    z.object({ id: z.string(), met: z.boolean(), used: z.array(z.string()).optional(), metAtTurn: z.int().optional() }),
  ),
  corrections: z.array(
    z.object({ turnIndex: z.int(), text: z.string(), corrected: z.string(), corrections: z.array(correctionSchema) }),
  ),
  /** Turns whose feedback was unavailable: they count for no score. */
  ungradedTurns: z.int(),
  reviewWords: z.array(reviewWordSchema),
});
export type RoleplayReport = z.infer<typeof roleplayReportSchema>;

// Grammar words a correction often adds ("a cup of tea") that make poor flashcards.
const ENGLISH_FUNCTION_WORDS = new Set(
  'a an the of to in on at for and or but is are was were be been am i you he she it we they my your his her its our their this that these those do does did not no with by from as'.split(
    ' ',
  ),
);

/** Words a learner should look at again: what corrections put in, and target words never used. */
export function reviewWords(args: {
  language: TargetLanguage;
  corrections: readonly Correction[];
  vocabulary: Scenario['vocabulary'];
  learnerText: string;
  limit?: number;
}): ReviewWord[] {
  const glosses = new Map(args.vocabulary.map((v) => [v.word, v.gloss]));
  const words: string[] = [];
  const add = (word: string) => {
    if (word && !words.includes(word)) words.push(word);
  };
  for (const c of args.corrections) {
    const before = new Set(wordsOf(c.original, args.language).map((w) => w.norm));
    for (const w of wordsOf(c.replacement, args.language)) {
      const content = args.language === 'zh' || !ENGLISH_FUNCTION_WORDS.has(w.norm);
      if (!before.has(w.norm) && content) add(w.text);
    }
  }
  const used = new Set(targetsUsed(args.learnerText, [...glosses.keys()], args.language));
  for (const word of glosses.keys()) if (!used.has(word)) add(word);
  return words.slice(0, args.limit ?? 12).map((word) => ({
    word,
    ...(args.language === 'zh' ? { pinyin: pinyinOf(word) } : {}),
    ...(glosses.get(word) ? { gloss: glosses.get(word) } : {}),
  }));
}

/** Everything the end-of-roleplay report shows, from the turns, their feedback and (when it came) the model's view. */
export function assembleReport(args: {
  scenario: Scenario;
  ui: UiLanguage;
  turns: readonly LearnerTurn[];
  objectives: ObjectiveState[];
  model: ModelReport | null;
}): RoleplayReport {
  const { scenario } = args;
  const language = scenario.targetLanguage;
  const learnerText = args.turns.map((t) => t.text).join('\n');
  const targetWords = scenario.vocabulary.map((v) => v.word);
  const scored = scoreAttempt({
    turns: args.turns,
    language,
    level: scenario.level,
    objectives: args.objectives,
    targetWords,
    targetWordsUsed: targetsUsed(learnerText, targetWords, language),
    modelFluency: args.model?.fluency,
  });
  const { measures, ...scores } = scored;
  const corrections = args.turns.flatMap((turn, turnIndex) =>
    turn.corrections && turn.corrections.length > 0
      ? [
          {
            turnIndex,
            text: turn.text,
            corrected: applyCorrections(turn.text, turn.corrections),
            corrections: turn.corrections,
          },
        ]
      : [],
  );
  return {
    scores,
    level: args.model ? estimateFromModel(args.model) : estimateLevel(measures, language, args.ui),
    summary: args.model?.summary ?? null,
    objectives: args.objectives,
    corrections,
    ungradedTurns: args.turns.filter((t) => t.corrections === null).length,
    reviewWords: reviewWords({
      language,
      corrections: corrections.flatMap((c) => c.corrections),
      vocabulary: scenario.vocabulary,
      learnerText,
    }),
  };
}

export interface DrillAnswerView {
  itemIndex: number;
  score: number | null;
  corrections: Correction[];
}

export const drillSummarySchema = z.object({
  answered: z.int(),
  total: z.int(),
  /** Mean over graded answers (unavailable grades count for nothing). */
  average: score.nullable(),
  accepted: z.int(),
  errorTypes: z.array(z.object({ type: errorTypeSchema, count: z.int() })),
  /** Items to try again: the lowest scores first. */
  retry: z.array(z.int()),
});
export type DrillSummary = z.infer<typeof drillSummarySchema>;

/** The summary that closes a drill set. */
export function summarizeDrill(items: readonly DrillItem[], answers: readonly DrillAnswerView[]): DrillSummary {
  const graded = answers.filter((a) => a.score !== null);
  const counts = new Map<ErrorType, number>();
  for (const c of answers.flatMap((a) => a.corrections)) counts.set(c.type, (counts.get(c.type) ?? 0) + 1);
  return {
    answered: answers.length,
    total: items.length,
    average: graded.length ? Math.round(graded.reduce((s, a) => s + a.score!, 0) / graded.length) : null,
    accepted: graded.filter((a) => a.score! >= 80).length,
    errorTypes: [...counts].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count),
    retry: graded
      .filter((a) => a.score! < 80)
      .sort((a, b) => a.score! - b.score!)
      .map((a) => a.itemIndex),
  };
}
