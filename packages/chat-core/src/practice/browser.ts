// What a browser may import: schemas and pure helpers, without the providers or the tokenizer.
export * from './levels';
export * from './text';
export * from './scenario';
export * from './drill';
export { ERROR_TYPES, correctionSchema, errorTypeSchema, spanFits, type Correction, type ErrorType } from './feedback';
export * from './pinyin';
export type { ObjectiveState } from './objectives';
export type { LevelEstimate, ScoreBreakdown } from './report';
export {
  drillSummarySchema,
  roleplayReportSchema,
  type DrillSummary,
  type ReviewWord,
  type RoleplayReport,
} from './results';
