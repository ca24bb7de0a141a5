export { appRouter, type AppRouter } from './root';
export { createCallerFactory, AppError } from './trpc';
export { createContext, type Context, type LumiServices, type SessionUser } from './context';
export { configureFromEnv, createServices } from './services';
export { listenForStops } from './chat/stop-signal';
export { verifyCredentials, type CredentialsResult } from './account/credentials';
export { handleSendMessage, handleFollowReply } from './http/chat-handler';
export type { TurnEvent } from './chat/turn-events';
