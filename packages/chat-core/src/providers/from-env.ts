import { createProxyDispatcherFromEnv, type Env } from '../net/proxy';
import { envInteger } from '../settings';
import type { ChatProvider } from '../types';
import { createDemoProvider, type DemoProviderOptions } from './demo';
import { MAX_TIMER_MS, createOpenAIProvider, type OpenAIProviderConfig } from './openai';

/** Overrides for what the environment cannot express (timeouts, retries, demo pacing). */
export interface ProviderFromEnvOptions {
  openai?: Omit<OpenAIProviderConfig, 'apiKey' | 'baseURL' | 'dispatcher' | 'proxy'>;
  demo?: DemoProviderOptions;
}

// The SDK refuses an empty key; local compatible servers (Ollama, vLLM, LM Studio) ignore it.
const PLACEHOLDER_KEY = 'not-needed';

/**
 * Timeouts and retries an operator may need to change: a local model on a CPU can take minutes to its first
 * token, a flaky school proxy wants more retries. Unset variables keep the defaults (openai.ts, net/retry.ts).
 */
function tuningFromEnv(env: Env) {
  return {
    timeouts: {
      connectMs: envInteger(env, 'LUMI_CONNECT_TIMEOUT_MS', 1, MAX_TIMER_MS),
      firstTokenMs: envInteger(env, 'LUMI_FIRST_TOKEN_TIMEOUT_MS', 1, MAX_TIMER_MS),
      idleMs: envInteger(env, 'LUMI_IDLE_TIMEOUT_MS', 1, MAX_TIMER_MS),
    },
    retry: { maxRetries: envInteger(env, 'LUMI_PROVIDER_RETRIES', 0, 10) },
  };
}

/**
 * OPENAI_API_KEY and/or OPENAI_BASE_URL -> the OpenAI provider (through OPENAI_PROXY, or HTTPS_PROXY / HTTP_PROXY
 * with NO_PROXY, tuned by the LUMI_*_TIMEOUT_MS and LUMI_PROVIDER_RETRIES variables); neither -> the offline demo
 * tutor. Throws ProxyConfigError or SettingError for an unusable variable.
 */
export function createProviderFromEnv(env: Env = process.env, options: ProviderFromEnvOptions = {}): ChatProvider {
  const apiKey = env.OPENAI_API_KEY?.trim();
  const baseURL = env.OPENAI_BASE_URL?.trim() || undefined;
  if (!apiKey && !baseURL) return createDemoProvider(options.demo);
  const tuning = tuningFromEnv(env);
  return createOpenAIProvider({
    ...options.openai,
    // Explicit options (tests, embedders) win over the environment, which wins over the defaults.
    timeouts: { ...tuning.timeouts, ...options.openai?.timeouts },
    retry: { ...tuning.retry, ...options.openai?.retry },
    apiKey: apiKey || PLACEHOLDER_KEY,
    baseURL,
    dispatcher: createProxyDispatcherFromEnv(env),
  });
}
