import { APIError, NotFoundError } from 'openai';
import { request, type Dispatcher } from 'undici';
import { ChatError } from '../errors';
import { createProxyDispatcher } from '../net/proxy';
import { retryDelayMs, retryPolicySchema, type RetryPolicyInput } from '../net/retry';
import { sleepUnlessAborted } from '../net/sleep';
import { toChatError } from '../providers/openai-errors';
import type { ModerationResult, Moderator } from '../types';
import { decide } from './decide';
import { createOfflineModerator } from './offline';

export interface OpenAIModeratorConfig {
  apiKey: string;
  /** Default https://api.openai.com/v1. */
  baseURL?: string;
  /** Explicit proxy URL; ignored when `dispatcher` is given. */
  proxy?: string;
  dispatcher?: Dispatcher;
  /** Default omni-moderation-latest. */
  model?: string;
  /** A verdict slower than this fails with a `timeout` ChatError; default 5 s. */
  timeoutMs?: number;
  /**
   * Tried again like chat requests (net/retry.ts: 429, 5xx, a connection that broke, e.g. a keep-alive connection the
   * server closed as it was reused); each attempt has `timeoutMs`.
   */
  retry?: RetryPolicyInput;
}

interface ModerationResponse {
  results?: Array<{
    flagged: boolean;
    categories: Record<string, boolean | null>;
    category_scores: Record<string, number>;
  }>;
}

/**
 * OpenAI's moderation endpoint (same baseURL and proxy as chat). Servers without the endpoint (404, common among
 * OpenAI-compatible ones) fall back to the offline patterns; other failures throw ChatError.
 *
 * One plain undici request rather than the SDK: the check sits in front of every student message, and the SDK's
 * request machinery cost about 2.4 ms of CPU a call here against 0.6 ms (bench/chat-overhead.bench.ts). Errors are
 * still built by the SDK's APIError.generate, so they map onto ChatError exactly like chat errors.
 */
export function createOpenAIModerator(config: OpenAIModeratorConfig): Moderator {
  const dispatcher = config.dispatcher ?? (config.proxy ? createProxyDispatcher(config.proxy, 'proxy') : undefined);
  const url = `${(config.baseURL ?? 'https://api.openai.com/v1').replace(/\/+$/, '')}/moderations`;
  const headers = {
    authorization: `Bearer ${config.apiKey}`,
    'content-type': 'application/json',
    accept: 'application/json',
  };
  const model = config.model ?? 'omni-moderation-latest';
  const timeoutMs = config.timeoutMs ?? 5000;
  const offline = createOfflineModerator();
  const retry = retryPolicySchema.parse(config.retry ?? {});

  async function check(text: string, signal?: AbortSignal): Promise<ModerationResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await checkOnce(text, signal);
      } catch (error) {
        const delayMs = error instanceof ChatError ? retryDelayMs(error, attempt, retry) : undefined;
        if (delayMs === undefined || !(await sleepUnlessAborted(delayMs, signal))) throw error;
      }
    }
  }

  async function checkOnce(text: string, signal?: AbortSignal): Promise<ModerationResult> {
    const timeout = AbortSignal.timeout(timeoutMs);
    try {
      const response = await request(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ model, input: text }),
        dispatcher,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      const body = await response.body.text();
      const json = parseJson(body);
      if (response.statusCode >= 400) {
        const error = (json as { error?: object } | undefined)?.error;
        throw APIError.generate(response.statusCode, error, error ? undefined : body, toHeaders(response.headers));
      }
      const result = (json as ModerationResponse | undefined)?.results?.[0];
      if (!result) throw new ChatError('PROVIDER_MALFORMED', 'moderation response had no result');
      return decide({ ...result.category_scores }, { ...result.categories }, result.flagged);
    } catch (error) {
      if (signal?.aborted) throw new ChatError('ABORTED', 'moderation aborted by the caller', { cause: error });
      if (timeout.aborted)
        throw new ChatError('PROVIDER_TIMEOUT', `no moderation verdict within ${timeoutMs} ms`, { cause: error });
      if (error instanceof NotFoundError) return offline.check(text, signal);
      throw toChatError(error);
    }
  }

  return { name: 'openai', check };
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

function toHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, v);
  }
  return headers;
}
