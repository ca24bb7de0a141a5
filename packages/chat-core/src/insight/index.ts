// Class insight: a week of a class's sessions summarised for its teacher, every claim citing its messages.
export * from './task';
export { answerInsightOffline } from './demo';
