import { z } from 'zod';
import type { ChatMessage } from '../types';
import { drillDirectionSchema } from './drill';
import {
  checkDrillGrade,
  checkReport,
  checkTurnFeedback,
  drillGradeWireSchema,
  reportWireSchema,
  turnFeedbackWireSchema,
  type DrillGrade,
  type ModelReport,
  type TurnFeedback,
} from './feedback';
import { drillLanguages } from './drill';
import { levelSchema, targetLanguageSchema, uiLanguageSchema, type UiLanguage } from './levels';
import { DRILL_GRADE_SYSTEM, REPORT_SYSTEM, TURN_FEEDBACK_SYSTEM } from './prompts';
import type { Scenario } from './scenario';
import type { StructuredTask } from './structured';
import { localize } from './text';

export const TASK_NAMES = {
  turnFeedback: 'lumi_turn_feedback',
  drillGrade: 'lumi_drill_grade',
  report: 'lumi_roleplay_report',
} as const;

/** Turns of the conversation shown to the grader before the learner's turn, for context. */
const CONTEXT_TURNS = 6;

// What each question tells the model, as JSON. The offline demo reads the same, so both answer the same facts.
export const turnFeedbackInputSchema = z.object({
  task: z.literal('turn_feedback'),
  targetLanguage: targetLanguageSchema,
  level: levelSchema,
  uiLanguage: uiLanguageSchema,
  learnerText: z.string(),
  objectives: z.array(z.object({ id: z.string(), text: z.string(), hints: z.array(z.string()) })),
  vocabulary: z.array(z.string()),
  conversation: z.array(z.object({ role: z.enum(['partner', 'learner']), text: z.string() })),
});
export type TurnFeedbackInput = z.infer<typeof turnFeedbackInputSchema>;

export function turnFeedbackTask(args: {
  scenario: Scenario;
  uiLanguage: UiLanguage;
  learnerText: string;
  /** The conversation before this turn, oldest first. */
  before: readonly ChatMessage[];
}): StructuredTask<TurnFeedback> {
  const tasks = args.scenario.objectives.filter((o) => o.kind === 'task');
  const ids = tasks.map((o) => o.id);
  const input: TurnFeedbackInput = {
    task: 'turn_feedback',
    targetLanguage: args.scenario.targetLanguage,
    level: args.scenario.level,
    uiLanguage: args.uiLanguage,
    learnerText: args.learnerText,
    objectives: tasks.map((o) => ({ id: o.id, text: localize(o.text, 'en'), hints: o.hints })),
    vocabulary: args.scenario.vocabulary.map((v) => v.word),
    conversation: args.before
      .filter((m) => m.role !== 'system')
      .slice(-CONTEXT_TURNS)
      .map((m) => ({ role: m.role === 'user' ? 'learner' : 'partner', text: m.content })),
  };
  return {
    name: TASK_NAMES.turnFeedback,
    schema: turnFeedbackWireSchema(ids),
    system: TURN_FEEDBACK_SYSTEM(args.scenario.targetLanguage, args.uiLanguage),
    input: { ...input },
    check: (raw) => checkTurnFeedback(raw, args.learnerText, ids),
    maxTokens: 700,
  };
}

export const drillGradeInputSchema = z.object({
  task: z.literal('drill_grade'),
  direction: drillDirectionSchema,
  level: levelSchema,
  uiLanguage: uiLanguageSchema,
  source: z.string(),
  references: z.array(z.string()),
  answer: z.string(),
});
export type DrillGradeInput = z.infer<typeof drillGradeInputSchema>;

export function drillGradeTask(args: Omit<DrillGradeInput, 'task'>): StructuredTask<DrillGrade> {
  const input: DrillGradeInput = { task: 'drill_grade', ...args };
  return {
    name: TASK_NAMES.drillGrade,
    schema: drillGradeWireSchema,
    system: DRILL_GRADE_SYSTEM(drillLanguages(args.direction).target, args.uiLanguage),
    input: { ...input },
    check: (raw) => checkDrillGrade(raw, args.answer),
    maxTokens: 700,
  };
}

export const reportInputSchema = z.object({
  task: z.literal('report'),
  targetLanguage: targetLanguageSchema,
  level: levelSchema,
  uiLanguage: uiLanguageSchema,
  scenario: z.string(),
  learnerTurns: z.array(z.string()),
  /** Lumi's own measures, which the demo turns into a report and a model may weigh. */
  measures: z.object({ meanLength: z.number(), errorRate: z.number(), linkers: z.array(z.string()) }),
});
export type ReportInput = z.infer<typeof reportInputSchema>;

export function reportTask(args: Omit<ReportInput, 'task'>): StructuredTask<ModelReport> {
  const input: ReportInput = { task: 'report', ...args };
  return {
    name: TASK_NAMES.report,
    schema: reportWireSchema(args.targetLanguage),
    system: REPORT_SYSTEM(args.targetLanguage, args.uiLanguage),
    input: { ...input },
    check: (raw) => checkReport(raw, args.learnerTurns, args.targetLanguage),
    maxTokens: 600,
  };
}
