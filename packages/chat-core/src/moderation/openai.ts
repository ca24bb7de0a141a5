import { NotFoundError } from 'openai';
import type { Dispatcher } from 'undici';
import { ChatError } from '../errors';
import { createProxyDispatcher } from '../net/proxy';
import { createOpenAIClient } from '../providers/openai-client';
import { toChatError } from '../providers/openai-errors';
import type { ModerationResult, Moderator } from '../types';
import { decide } from './decide';
import { createOfflineModerator } from './offline';

export interface OpenAIModeratorConfig {
  apiKey: string;
  baseURL?: string;
  /** Explicit proxy URL; ignored when `dispatcher` is given. */
  proxy?: string;
  dispatcher?: Dispatcher;
  /** Default omni-moderation-latest. */
  model?: string;
}

/**
 * OpenAI's moderation endpoint through the SDK (same baseURL and proxy as chat). Servers without the endpoint
 * (404, common among OpenAI-compatible ones) fall back to the offline patterns; other failures throw ChatError.
 */
export function createOpenAIModerator(config: OpenAIModeratorConfig): Moderator {
  const dispatcher = config.dispatcher ?? (config.proxy ? createProxyDispatcher(config.proxy, 'proxy') : undefined);
  const client = createOpenAIClient({ apiKey: config.apiKey, baseURL: config.baseURL, dispatcher });
  const model = config.model ?? 'omni-moderation-latest';
  const offline = createOfflineModerator();

  async function check(text: string, signal?: AbortSignal): Promise<ModerationResult> {
    try {
      const response = await client.moderations.create({ model, input: text }, { signal });
      const result = response.results[0];
      if (!result) throw new ChatError('malformed', 'moderation response had no result');
      const scores: Record<string, number> = { ...result.category_scores };
      const flags: Record<string, boolean | null> = { ...result.categories };
      return decide(scores, flags, result.flagged);
    } catch (error) {
      if (signal?.aborted) throw new ChatError('aborted', 'moderation aborted by the caller', { cause: error });
      if (error instanceof NotFoundError) return offline.check(text, signal);
      throw toChatError(error);
    }
  }

  return { name: 'openai', check };
}
