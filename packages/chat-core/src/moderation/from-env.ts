import { createProxyDispatcherFromEnv, type Env } from '../net/proxy';
import { envInteger } from '../settings';
import type { Moderator } from '../types';
import { createOfflineModerator } from './offline';
import { createOpenAIModerator } from './openai';

/**
 * OPENAI_API_KEY -> OpenAI's moderation endpoint (with OPENAI_BASE_URL, the proxy variables and chat's
 * LUMI_PROVIDER_RETRIES); otherwise offline.
 */
export function createModeratorFromEnv(env: Env = process.env): Moderator {
  const apiKey = env.OPENAI_API_KEY?.trim();
  if (!apiKey) return createOfflineModerator();
  return createOpenAIModerator({
    apiKey,
    baseURL: env.OPENAI_BASE_URL?.trim() || undefined,
    dispatcher: createProxyDispatcherFromEnv(env),
    retry: { maxRetries: envInteger(env, 'LUMI_PROVIDER_RETRIES', 0, 10) },
  });
}
