export * from './types';
export * from './tokens/count';
export { ReplyTokenCap, truncateToTokens } from './tokens/cap';
export { ENCODING_NAMES, type EncodingName } from './tokens/encodings';
export * from './models/model-entry';
export { BUILTIN_MODELS } from './models/builtin';
export * from './errors';
export {
  createOpenAIProvider,
  openAIProviderConfigSchema,
  streamTimeoutsSchema,
  type OpenAIProviderConfig,
} from './providers/openai';
export { createOpenAIClient, type OpenAIClientOptions } from './providers/openai-client';
export { ProxyConfigError, createProxyDispatcher, createProxyDispatcherFromEnv, type Env } from './net/proxy';
export {
  backoffDelayMs,
  parseRetryAfterMs,
  retryPolicySchema,
  type RetryPolicy,
  type RetryPolicyInput,
} from './net/retry';
export * from './models/catalog';
export * from './cost';
export * from './models/choose';
export { createDemoProvider, DEMO_MODEL, type DemoProviderOptions } from './providers/demo';
export { createProviderFromEnv, type ProviderFromEnvOptions } from './providers/from-env';
export { SettingError, envInteger } from './settings';
export { createOpenAIModerator, type OpenAIModeratorConfig } from './moderation/openai';
export { createOfflineModerator, scoreOffline } from './moderation/offline';
export { createModeratorFromEnv } from './moderation/from-env';
export { REFUSE_CATEGORIES, FLAG_THRESHOLD } from './moderation/decide';
export * from './history/build-request';
export * from './history/summary-message';
export * from './history/summarize';
export * from './prompt/modes';
export * from './prompt/rules';
export * from './prompt/system-prompt';
export * from './practice';
export * from './insight';
