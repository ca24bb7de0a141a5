// Input schemas only: safe to import from browser code (no database, no server modules).
export * from './account/sign-up.types';
export * from './classes/class-settings.types';
export * from './conversations/conversation.types';
export * from './conversations/export-text';
export * from './password-reset/password-reset.types';
export * from './chat/send-message.types';
export * from './teacher/dashboard.types';
export * from './teacher/get-usage.types';
export * from './teacher/list-conversations.types';
export * from './teacher/list-flags.types';
export * from './teacher/search-messages.types';
export * from './teacher/grant-extra.types';
export * from './teacher/insight.types';
export * from './practice/practice.types';
export * from './teacher/export-class.types';
export { MAX_BATCH_CALLS } from './shared/batch';
export * from './privacy/access-detail.types';
