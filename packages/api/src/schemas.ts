// Input schemas only: safe to import from browser code (no database, no server modules).
export * from './account/sign-up.types';
export * from './classes/class-settings.types';
export * from './conversations/conversation.types';
export * from './chat/send-message.types';
