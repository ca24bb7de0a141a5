import { z } from 'zod';
import { levelsFor, type Level, type TargetLanguage } from './levels';

export const ERROR_TYPES = [
  'grammar',
  'vocabulary',
  'word_order',
  'spelling',
  'measure_word',
  'particle',
  'tone_pinyin',
] as const;
export const errorTypeSchema = z.enum(ERROR_TYPES);
export type ErrorType = z.infer<typeof errorTypeSchema>;

/**
 * One edit as the model writes it: the exact words of the learner's text it replaces (a quote, since models
 * count characters badly), which occurrence when they repeat, and the replacement. Code turns it into a span.
 */
const wireEditSchema = z.object({
  quote: z.string().min(1).max(300),
  occurrence: z.int().min(1).max(20),
  replacement: z.string().max(300),
  type: errorTypeSchema,
  explanation: z.string().min(1).max(400),
});

/** What a model returns for one learner turn of a roleplay. */
export function turnFeedbackWireSchema(objectiveIds: readonly string[]) {
  return z.object({
    verdict: z.enum(['correct', 'needs_correction']),
    edits: z.array(wireEditSchema).max(8),
    /** Task objectives this turn achieved. */
    objectivesMet:
      objectiveIds.length > 0
        ? z.array(z.enum(objectiveIds as [string, ...string[]])).max(8)
        : z.array(z.string()).max(0),
  });
}
export type TurnFeedbackWire = z.infer<ReturnType<typeof turnFeedbackWireSchema>>;

/** What a model returns for one translation in a drill. */
export const drillGradeWireSchema = z.object({
  score: z.int().min(0).max(100),
  edits: z.array(wireEditSchema).max(8),
  /** A better translation, close to the learner's own where it can be. */
  better: z.string().min(1).max(400),
  /** Other translations that would also be right. */
  alternatives: z.array(z.string().min(1).max(400)).max(3),
  comment: z.string().max(400),
});
export type DrillGradeWire = z.infer<typeof drillGradeWireSchema>;

/** What a model returns when a roleplay ends: the judgements code cannot make. */
export function reportWireSchema(language: TargetLanguage) {
  return z.object({
    fluency: z.int().min(0).max(100),
    level: z.enum(levelsFor(language) as [Level, ...Level[]]),
    /** Quotes of the learner's own words behind the level, each with a short note. */
    evidence: z
      .array(z.object({ quote: z.string().min(1).max(300), note: z.string().min(1).max(300) }))
      .min(1)
      .max(4),
    summary: z.string().min(1).max(600),
  });
}
export type ReportWire = z.infer<ReturnType<typeof reportWireSchema>>;

/** A correction as stored and shown: a span of the learner's own text, [start, end) in UTF-16 offsets. */
export const correctionSchema = z.object({
  start: z.int().min(0),
  end: z.int().min(0),
  /** The learner's words at [start, end). */
  original: z.string(),
  replacement: z.string(),
  type: errorTypeSchema,
  explanation: z.string(),
});
export type Correction = z.infer<typeof correctionSchema>;

export class SpanError extends Error {
  override readonly name = 'SpanError';
}

/**
 * Turns quoted edits into spans of `text`, or throws SpanError when a quote is not in the text, spans overlap or an
 * edit changes nothing. Returns the corrections in text order and the corrected sentence.
 */
export function resolveEdits(
  text: string,
  edits: ReadonlyArray<z.infer<typeof wireEditSchema>>,
): { corrections: Correction[]; corrected: string } {
  const corrections: Correction[] = edits.map((edit) => {
    let from = -1;
    for (let n = 0; n < edit.occurrence; n++) {
      from = text.indexOf(edit.quote, from + 1);
      if (from < 0) throw new SpanError(`"${edit.quote}" (occurrence ${edit.occurrence}) is not in the learner's text`);
    }
    if (edit.replacement === edit.quote) throw new SpanError(`the edit of "${edit.quote}" changes nothing`);
    return {
      start: from,
      end: from + edit.quote.length,
      original: edit.quote,
      replacement: edit.replacement,
      type: edit.type,
      explanation: edit.explanation,
    };
  });
  corrections.sort((a, b) => a.start - b.start);
  for (let i = 1; i < corrections.length; i++) {
    if (corrections[i]!.start < corrections[i - 1]!.end) throw new SpanError('two corrections overlap');
  }
  return { corrections, corrected: applyCorrections(text, corrections) };
}

export function applyCorrections(text: string, corrections: readonly Correction[]): string {
  let out = '';
  let at = 0;
  for (const c of corrections) {
    out += text.slice(at, c.start) + c.replacement;
    at = c.end;
  }
  return (out + text.slice(at)).replace(/ {2,}/g, ' ').trim();
}

/** Checks a stored correction against the text it claims to mark (e.g. data read back from the database). */
export function spanFits(text: string, c: Pick<Correction, 'start' | 'end' | 'original'>): boolean {
  return c.start >= 0 && c.end <= text.length && c.start < c.end && text.slice(c.start, c.end) === c.original;
}

/** A roleplay turn's feedback, after validation. */
export type TurnFeedback =
  | {
      status: 'ready';
      verdict: 'correct' | 'needs_correction';
      corrections: Correction[];
      corrected: string;
      objectivesMet: string[];
    }
  | { status: 'unavailable'; reason: string };

/** Validates a model's turn feedback against the learner's text. Throws (ZodError or SpanError) when it does not fit. */
export function checkTurnFeedback(raw: unknown, learnerText: string, objectiveIds: readonly string[]): TurnFeedback {
  const wire = turnFeedbackWireSchema(objectiveIds).parse(raw);
  const { corrections, corrected } = resolveEdits(learnerText, wire.edits);
  if (wire.verdict === 'correct' && corrections.length > 0)
    throw new SpanError('a correct sentence must have no edits');
  if (wire.verdict === 'needs_correction' && corrections.length === 0) throw new SpanError('corrections are missing');
  return {
    status: 'ready',
    verdict: wire.verdict,
    corrections,
    corrected: corrections.length > 0 ? corrected : learnerText,
    objectivesMet: [...new Set(wire.objectivesMet)],
  };
}

export interface DrillGrade {
  score: number;
  corrections: Correction[];
  better: string;
  alternatives: string[];
  comment: string;
}

export function checkDrillGrade(raw: unknown, answer: string): DrillGrade {
  const wire = drillGradeWireSchema.parse(raw);
  const { corrections } = resolveEdits(answer, wire.edits);
  return {
    score: wire.score,
    corrections,
    better: wire.better.trim(),
    alternatives: [...new Set(wire.alternatives.map((a) => a.trim()))],
    comment: wire.comment.trim(),
  };
}

export interface ModelReport {
  fluency: number;
  level: Level;
  evidence: Array<{ quote: string; note: string }>;
  summary: string;
}

/** Every quote of the evidence must be the learner's own words. */
export function checkReport(raw: unknown, learnerTexts: readonly string[], language: TargetLanguage): ModelReport {
  const wire = reportWireSchema(language).parse(raw);
  for (const e of wire.evidence) {
    if (!learnerTexts.some((t) => t.includes(e.quote))) throw new SpanError(`"${e.quote}" is not the learner's words`);
  }
  return wire;
}
