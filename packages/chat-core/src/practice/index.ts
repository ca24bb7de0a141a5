// Language practice: scenarios and drills, feedback from structured output, and the measures behind reports.
export * from './levels';
export * from './text';
export * from './scenario';
export * from './drill';
export * from './words';
export * from './script';
export * from './objectives';
export * from './feedback';
export * from './structured';
export * from './prompts';
export * from './tasks';
export * from './report';
export * from './match';
export * from './pinyin';
export { demoEdits } from './demo-rules';
export { answerOffline, demoPartnerLine } from './demo';
export * from './library';
export * from './results';
