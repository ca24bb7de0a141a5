import { z } from 'zod';
import { levelFits, levelSchema, targetLanguageSchema, writtenIn, type TargetLanguage } from './levels';
import { cleanText, localTextSchema } from './text';

const objectiveId = z.string().regex(/^[a-z0-9-]{1,32}$/, 'Use lower-case letters, digits and dashes.');

/** A goal met by doing something in the conversation; the grader decides, `hints` name words that usually show it. */
const taskObjectiveSchema = z.object({
  kind: z.literal('task'),
  id: objectiveId.optional(),
  text: localTextSchema(200),
  hints: z.array(cleanText(1, 40)).max(12).default([]),
});

/** A goal counted by code: at least `min` of `words` used by the learner (Chinese is segmented into words first). */
const vocabularyObjectiveSchema = z.object({
  kind: z.literal('vocabulary'),
  id: objectiveId.optional(),
  text: localTextSchema(200),
  words: z.array(cleanText(1, 40)).min(1).max(30),
  min: z.int().min(1).max(30),
});

export const objectiveSchema = z.discriminatedUnion('kind', [taskObjectiveSchema, vocabularyObjectiveSchema]);

const vocabularyEntrySchema = z.object({
  word: cleanText(1, 40),
  /** Meaning in English (shown on hover or tap). */
  gloss: z.string().trim().max(80).default(''),
});

/**
 * A roleplay scenario as a teacher writes it. Parsing refuses a scenario that cannot run, naming the field
 * (an issue's `path`), and gives every objective an id.
 */
export const scenarioSchema = z
  .object({
    targetLanguage: targetLanguageSchema,
    level: levelSchema,
    title: localTextSchema(80),
    /** The learner's situation, shown before they start. */
    brief: localTextSchema(400),
    /** Who the AI partner plays, e.g. "a waiter at a busy café". */
    aiRole: cleanText(1, 200),
    learnerRole: cleanText(1, 200),
    setting: cleanText(1, 400),
    objectives: z.array(objectiveSchema).min(1, 'Give at least one objective.').max(8),
    vocabulary: z.array(vocabularyEntrySchema).max(30).default([]),
    grammar: z.array(cleanText(1, 120)).max(8).default([]),
    /** Learner turns before the conversation ends. */
    turnLimit: z.int().min(2).max(30),
    /** The partner's first line, in the target language. */
    openingLine: cleanText(1, 400),
  })
  .superRefine((s, ctx) => {
    const language: TargetLanguage = s.targetLanguage;
    const name = language === 'en' ? 'English' : 'Chinese';
    if (!levelFits(language, s.level)) {
      ctx.addIssue({
        code: 'custom',
        path: ['level'],
        message: language === 'en' ? 'English uses CEFR levels A1-C1.' : 'Chinese uses HSK levels 1-6.',
      });
    }
    if (!writtenIn(language, s.openingLine)) {
      ctx.addIssue({ code: 'custom', path: ['openingLine'], message: `The opening line must be in ${name}.` });
    }
    s.vocabulary.forEach((entry, i) => {
      if (!writtenIn(language, entry.word))
        ctx.addIssue({ code: 'custom', path: ['vocabulary', i, 'word'], message: `"${entry.word}" is not ${name}.` });
    });
    const ids = new Set<string>();
    s.objectives.forEach((objective, i) => {
      if (objective.id !== undefined) {
        if (ids.has(objective.id))
          ctx.addIssue({ code: 'custom', path: ['objectives', i, 'id'], message: 'Two objectives share this id.' });
        ids.add(objective.id);
      }
      if (objective.kind !== 'vocabulary') return;
      objective.words.forEach((word, j) => {
        if (!writtenIn(language, word))
          ctx.addIssue({ code: 'custom', path: ['objectives', i, 'words', j], message: `"${word}" is not ${name}.` });
      });
      if (objective.min > objective.words.length) {
        ctx.addIssue({
          code: 'custom',
          path: ['objectives', i, 'min'],
          message: `Asks for ${objective.min} words but lists only ${objective.words.length}.`,
        });
      }
    });
    const tasks = s.objectives.filter((o) => o.kind === 'task').length;
    if (tasks > s.turnLimit) {
      ctx.addIssue({
        code: 'custom',
        path: ['turnLimit'],
        message: `${s.turnLimit} turns are too few for ${tasks} task objectives.`,
      });
    }
  })
  .transform((s) => {
    const taken = new Set(s.objectives.map((o) => o.id).filter(Boolean));
    let next = 1;
    const freshId = () => {
      while (taken.has(`o${next}`)) next++;
      taken.add(`o${next}`);
      return `o${next}`;
    };
    return { ...s, objectives: s.objectives.map((o) => ({ ...o, id: o.id ?? freshId() })) };
  });

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type Scenario = z.output<typeof scenarioSchema>;
export type Objective = Scenario['objectives'][number];
export type TaskObjective = Extract<Objective, { kind: 'task' }>;
export type VocabularyObjective = Extract<Objective, { kind: 'vocabulary' }>;
