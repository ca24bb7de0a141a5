import { createProxyDispatcherFromEnv, type Env } from '../net/proxy';
import type { Moderator } from '../types';
import { createOfflineModerator } from './offline';
import { createOpenAIModerator } from './openai';

/** OPENAI_API_KEY -> OpenAI's moderation endpoint (with OPENAI_BASE_URL and the proxy variables); otherwise offline. */
export function createModeratorFromEnv(env: Env = process.env): Moderator {
  const apiKey = env.OPENAI_API_KEY?.trim();
  if (!apiKey) return createOfflineModerator();
  return createOpenAIModerator({
    apiKey,
    baseURL: env.OPENAI_BASE_URL?.trim() || undefined,
    dispatcher: createProxyDispatcherFromEnv(env),
  });
}
