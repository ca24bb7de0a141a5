import { DRILL_DIRECTIONS, LEVELS, TARGET_LANGUAGES } from '@lumi/chat-core/practice';
import { z } from 'zod';
import { formMessage } from '../errors/form-messages';

// Input schemas of the practice procedures. Browser-safe: zod and chat-core's pure practice schemas only.

const id = z.string().min(1).max(64);

/** Where an exercise comes from: the built-in library or a teacher's own. */
export const exerciseSourceInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('builtin'), id }),
  z.object({ kind: z.literal('exercise'), id }),
]);
export type ExerciseSourceInput = z.infer<typeof exerciseSourceInput>;

export const practiceKindInput = z.enum(['ROLEPLAY', 'DRILL']);

/** The spec is checked by chat-core's scenario or drill schema inside, so the refusal can name the field. */
export const saveExerciseInput = z.object({
  exerciseId: id.optional(),
  kind: practiceKindInput,
  spec: z.unknown(),
});

export const exerciseIdInput = z.object({ exerciseId: id });

export const startAttemptInput = z
  .object({
    /** From the library or a teacher's exercise (personal practice or in a class)... */
    source: exerciseSourceInput.optional(),
    /** ...or an assignment of one of the student's classes. */
    assignmentId: id.optional(),
    /** The class whose budget pays; null or absent for personal practice. Ignored with an assignment. */
    classId: id.nullish(),
    /** "each turn" shows a correction card after every turn; "end only" keeps everything for the report. */
    feedback: z.enum(['each_turn', 'end_only']).default('each_turn'),
  })
  .refine((v) => (v.source === undefined) !== (v.assignmentId === undefined), {
    message: 'Give either an exercise or an assignment.',
    path: ['source'],
  });

export const attemptIdInput = z.object({ attemptId: id });

export const answerDrillInput = z.object({
  attemptId: id,
  itemIndex: z.int().min(0).max(100),
  answer: z.string().trim().min(1, 'Write your translation first.').max(600),
});

export const createAssignmentInput = z.object({
  classId: id,
  source: exerciseSourceInput,
  dueAt: z.coerce.date().nullish(),
});

/** A teacher's grade over an attempt's measured scores, with a note; `score: null` clears it. */
export const gradeAttemptInput = z.object({
  attemptId: id,
  score: z
    .int(formMessage('form.gradeRange'))
    .min(0, formMessage('form.gradeRange'))
    .max(100, formMessage('form.gradeRange'))
    .nullable(),
  note: z.string().trim().max(1000, formMessage('form.gradeNoteTooLong')).optional(),
});
export type GradeAttemptInput = z.infer<typeof gradeAttemptInput>;

export const assignmentIdInput = z.object({ assignmentId: id });
export const classIdOnlyInput = z.object({ classId: id });

export const PRACTICE_LANGUAGES = TARGET_LANGUAGES;
export const PRACTICE_LEVELS = LEVELS;
export const PRACTICE_DIRECTIONS = DRILL_DIRECTIONS;
