import { createProxyDispatcherFromEnv, type Env } from '../net/proxy';
import type { ChatProvider } from '../types';
import { createDemoProvider, type DemoProviderOptions } from './demo';
import { createOpenAIProvider, type OpenAIProviderConfig } from './openai';

/** Overrides for what the environment cannot express (timeouts, retries, demo pacing). */
export interface ProviderFromEnvOptions {
  openai?: Omit<OpenAIProviderConfig, 'apiKey' | 'baseURL' | 'dispatcher' | 'proxy'>;
  demo?: DemoProviderOptions;
}

// The SDK refuses an empty key; local compatible servers (Ollama, vLLM, LM Studio) ignore it.
const PLACEHOLDER_KEY = 'not-needed';

/**
 * OPENAI_API_KEY and/or OPENAI_BASE_URL -> the OpenAI provider (through OPENAI_PROXY, or HTTPS_PROXY / HTTP_PROXY
 * with NO_PROXY); neither -> the offline demo tutor. Throws ProxyConfigError for an unusable proxy variable.
 */
export function createProviderFromEnv(env: Env = process.env, options: ProviderFromEnvOptions = {}): ChatProvider {
  const apiKey = env.OPENAI_API_KEY?.trim();
  const baseURL = env.OPENAI_BASE_URL?.trim() || undefined;
  if (!apiKey && !baseURL) return createDemoProvider(options.demo);
  return createOpenAIProvider({
    ...options.openai,
    apiKey: apiKey || PLACEHOLDER_KEY,
    baseURL,
    dispatcher: createProxyDispatcherFromEnv(env),
  });
}
