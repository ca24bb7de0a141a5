import type { Correction, ErrorType, ModelReport } from './feedback';
import { levelsFor, type Level, type TargetLanguage } from './levels';
import type { ObjectiveState } from './objectives';
import { wordsOf } from './words';

export interface LearnerTurn {
  text: string;
  /** Null when feedback was unavailable for this turn (it then counts for no score). */
  corrections: Correction[] | null;
}

export interface ScoreBreakdown {
  taskCompletion: number;
  accuracy: number;
  vocabularyRange: number;
  fluency: number;
}

export interface LevelEstimate {
  level: Level;
  /** Where the estimate came from: the model's judgement or Lumi's own measures. */
  source: 'model' | 'measures';
  evidence: Array<{ quote?: string; note: string }>;
}

/** Expected words (English) or characters (Chinese) per turn at each level, for fluency and the estimate. */
const EXPECTED_LENGTH: Record<Level, number> = {
  A1: 4,
  A2: 6,
  B1: 9,
  B2: 12,
  C1: 16,
  HSK1: 5,
  HSK2: 7,
  HSK3: 10,
  HSK4: 13,
  HSK5: 17,
  HSK6: 22,
};

const LINKERS = {
  en: /\b(because|although|though|however|which|whose|whereas|unless|if|when|while|so that|since|therefore)\b/gi,
  zh: /因为|所以|虽然|但是|可是|如果|的话|而且|然后|不但|除了|把|被|已经|一边/g,
};

function lengthOf(text: string, language: TargetLanguage): number {
  return language === 'en' ? wordsOf(text, 'en').length : (text.match(/\p{Script=Han}/gu)?.length ?? 0);
}

const clamp = (n: number) => Math.max(0, Math.min(100, Math.round(n)));

export interface Measures {
  turns: number;
  words: number;
  meanLength: number;
  distinctWords: number;
  errors: number;
  /** Errors per 10 words (English) or 10 characters (Chinese), over the turns that were graded. */
  errorRate: number;
  linkers: string[];
  errorTypes: Partial<Record<ErrorType, number>>;
}

export function measure(turns: readonly LearnerTurn[], language: TargetLanguage): Measures {
  const graded = turns.filter((t) => t.corrections !== null);
  const words = turns.flatMap((t) => wordsOf(t.text, language));
  const gradedLength = graded.reduce((sum, t) => sum + lengthOf(t.text, language), 0);
  const errors = graded.reduce((sum, t) => sum + t.corrections!.length, 0);
  const errorTypes: Partial<Record<ErrorType, number>> = {};
  for (const c of graded.flatMap((t) => t.corrections!)) errorTypes[c.type] = (errorTypes[c.type] ?? 0) + 1;
  const linkers = [...new Set(turns.flatMap((t) => t.text.match(LINKERS[language]) ?? []).map((l) => l.toLowerCase()))];
  const length = turns.reduce((sum, t) => sum + lengthOf(t.text, language), 0);
  return {
    turns: turns.length,
    words: words.length,
    meanLength: turns.length ? length / turns.length : 0,
    distinctWords: new Set(words.map((w) => w.norm)).size,
    errors,
    errorRate: gradedLength ? (10 * errors) / gradedLength : 0,
    linkers,
    errorTypes,
  };
}

/**
 * Scores out of 100. Task completion is the share of objectives met; accuracy falls with errors per word over the
 * graded turns; vocabulary range blends the target words used with the variety of words; fluency is the model's
 * rating when there is one, else turn length against what the level expects.
 */
export function scoreAttempt(args: {
  turns: readonly LearnerTurn[];
  language: TargetLanguage;
  level: Level;
  objectives: readonly ObjectiveState[];
  targetWords: readonly string[];
  targetWordsUsed: readonly string[];
  modelFluency?: number;
}): ScoreBreakdown & { measures: Measures } {
  const m = measure(args.turns, args.language);
  const met = args.objectives.filter((o) => o.met).length;
  const variety = m.words ? m.distinctWords / m.words : 0;
  const coverage = args.targetWords.length ? args.targetWordsUsed.length / args.targetWords.length : variety;
  const graded = args.turns.some((t) => t.corrections !== null);
  return {
    taskCompletion: clamp(args.objectives.length ? (100 * met) / args.objectives.length : 0),
    accuracy: graded ? clamp(100 - 25 * m.errorRate) : 0,
    vocabularyRange: m.words ? clamp(100 * (0.6 * coverage + 0.4 * Math.min(1, variety * 1.25))) : 0,
    fluency: args.modelFluency ?? clamp((100 * m.meanLength) / EXPECTED_LENGTH[args.level]),
    measures: m,
  };
}

/**
 * Lumi's own level estimate from what it can measure: the longest level whose expected turn length the learner
 * reaches, moved down a level for many errors and up one for linking words used well. A signal, not a grade.
 */
export function estimateLevel(m: Measures, language: TargetLanguage, ui: 'en' | 'zh'): LevelEstimate {
  const levels = levelsFor(language);
  let rank = 0;
  levels.forEach((level, i) => {
    if (m.meanLength >= EXPECTED_LENGTH[level] * 0.9) rank = i;
  });
  if (m.errorRate > 1.5) rank = Math.max(0, rank - 1);
  if (m.linkers.length >= 3 && m.errorRate < 0.5) rank = Math.min(levels.length - 1, rank + 1);
  const unit = language === 'en' ? (ui === 'zh' ? '个词' : 'words') : ui === 'zh' ? '个汉字' : 'characters';
  const mean = m.meanLength.toFixed(1);
  const evidence =
    ui === 'zh'
      ? [
          { note: `每轮平均 ${mean} ${unit}，共 ${m.turns} 轮。` },
          { note: `每 10 ${unit.replace('个', '')} 约 ${m.errorRate.toFixed(1)} 处错误。` },
          { note: m.linkers.length ? `用了连接词：${m.linkers.join('、')}。` : '还没有用连接词。' },
        ]
      : [
          { note: `${mean} ${unit} per turn on average over ${m.turns} turns.` },
          { note: `About ${m.errorRate.toFixed(1)} errors per 10 ${unit}.` },
          { note: m.linkers.length ? `Linking words used: ${m.linkers.join(', ')}.` : 'No linking words used yet.' },
        ];
  return { level: levels[rank]!, source: 'measures', evidence };
}

export function estimateFromModel(report: ModelReport): LevelEstimate {
  return { level: report.level, source: 'model', evidence: report.evidence };
}
