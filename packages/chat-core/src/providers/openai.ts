import type OpenAI from 'openai';
import type { ChatCompletionChunk, ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions';
import { Agent, type Dispatcher } from 'undici';
import { z } from 'zod';
import { ChatError } from '../errors';
import { withConnectedHook } from '../net/connected';
import { createProxyDispatcher } from '../net/proxy';
import { retryDelayMs, retryPolicySchema } from '../net/retry';
import { sleepUnlessAborted } from '../net/sleep';
import { Watchdog } from '../net/watchdog';
import type { ChatProvider, ChatRequest, FinishReason, StreamEvent, Usage } from '../types';
import { createOpenAIClient, viaDispatcher } from './openai-client';
import { toChatError } from './openai-errors';

/** Node fires a longer timer after 1 ms (with only a warning), which would time every request out at once. */
export const MAX_TIMER_MS = 2_147_483_647;

export const streamTimeoutsSchema = z.object({
  /** Until the connection (with TLS and any proxy tunnel) is made and the request can be sent. */
  connectMs: z.number().positive().max(MAX_TIMER_MS).default(10_000),
  /** From the connection until the first text delta: many servers send their headers only with it. */
  firstTokenMs: z.number().positive().max(MAX_TIMER_MS).default(45_000),
  /** Longest silence between chunks once text is flowing. */
  idleMs: z.number().positive().max(MAX_TIMER_MS).default(30_000),
});

export const openAIProviderConfigSchema = z.object({
  apiKey: z.string().min(1),
  /** Any OpenAI-compatible server, e.g. http://localhost:11434/v1. */
  baseURL: z.url().optional(),
  /** Explicit proxy URL: http://, https://, socks5:// or socks5h://. Ignored when `dispatcher` is given. */
  proxy: z.string().optional(),
  timeouts: streamTimeoutsSchema.prefault({}),
  retry: retryPolicySchema.prefault({}),
  /** Default: max_completion_tokens on api.openai.com, max_tokens on compatible servers (which often lack the newer name). */
  tokenLimitParam: z.enum(['max_completion_tokens', 'max_tokens']).optional(),
  /** Ask for the final usage chunk (`stream_options.include_usage`). */
  includeUsage: z.boolean().default(true),
  name: z.string().min(1).optional(),
});

export type OpenAIProviderConfig = z.input<typeof openAIProviderConfigSchema> & {
  /** A ready dispatcher (e.g. from createProxyDispatcherFromEnv); wins over `proxy`. */
  dispatcher?: Dispatcher;
};

const finishReasons: Record<string, FinishReason> = {
  stop: 'stop',
  length: 'length',
  content_filter: 'content_filter',
};

function usageOf(chunk: ChatCompletionChunk): Usage | undefined {
  if (!chunk.usage) return undefined;
  return {
    promptTokens: chunk.usage.prompt_tokens,
    completionTokens: chunk.usage.completion_tokens,
    cachedTokens: chunk.usage.prompt_tokens_details?.cached_tokens ?? 0,
  };
}

/**
 * Streams through the official SDK. Failures throw ChatError: before the first delta (after automatic retries on
 * 429 / 5xx / connection failures) with `partial: false`; after deltas were yielded with `partial: true` and no
 * retry, so the caller keeps the text it already has. Aborting ends with `done` / 'aborted' instead of throwing.
 */
export function createOpenAIProvider(config: OpenAIProviderConfig): ChatProvider {
  const settings = openAIProviderConfigSchema.parse(config);
  // An Agent of its own rather than undici's global dispatcher: once Node's built-in fetch has run, the global one
  // is Node's bundled (older) undici, whose handlers the connected hook cannot wrap.
  const dispatcher =
    config.dispatcher ?? (settings.proxy ? createProxyDispatcher(settings.proxy, 'proxy') : new Agent());
  const client: OpenAI = createOpenAIClient({ apiKey: settings.apiKey, baseURL: settings.baseURL, dispatcher });
  const onOpenAI = !settings.baseURL || new URL(settings.baseURL).hostname === 'api.openai.com';
  const tokenLimitParam = settings.tokenLimitParam ?? (onOpenAI ? 'max_completion_tokens' : 'max_tokens');
  const { timeouts, retry } = settings;

  function requestBody(request: ChatRequest): ChatCompletionCreateParamsStreaming {
    return {
      model: request.model,
      messages: request.messages,
      stream: true,
      ...(settings.includeUsage ? { stream_options: { include_usage: true } } : {}),
      [tokenLimitParam]: request.maxTokens,
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.user ? { user: request.user } : {}),
      ...(request.responseFormat
        ? {
            response_format: {
              type: 'json_schema' as const,
              json_schema: { name: request.responseFormat.name, schema: request.responseFormat.schema, strict: true },
            },
          }
        : {}),
    };
  }

  async function* stream(request: ChatRequest): AsyncGenerator<StreamEvent, void, undefined> {
    const userSignal = request.signal;
    const aborted = (): StreamEvent => ({ type: 'done', finishReason: 'aborted', model: request.model });

    for (let attempt = 0; ; attempt++) {
      const controller = new AbortController();
      const watchdog = new Watchdog(controller);
      const onUserAbort = () => controller.abort(new ChatError('ABORTED', 'aborted by the caller'));
      userSignal?.addEventListener('abort', onUserAbort, { once: true });
      let streamedText = false;
      try {
        if (userSignal?.aborted) return yield aborted();
        watchdog.arm(timeouts.connectMs, 'connecting');
        const connected = withConnectedHook(dispatcher, () =>
          watchdog.arm(timeouts.firstTokenMs, 'waiting for the first token'),
        );
        const chunks = await client.chat.completions.create(requestBody(request), {
          signal: controller.signal,
          fetchOptions: viaDispatcher(connected),
        });

        let usage: Usage | undefined;
        let finishReason: FinishReason | undefined;
        let model = request.model;
        for await (const chunk of chunks) {
          const choice = chunk.choices[0];
          const text = choice?.delta?.content;
          if (text) {
            // The consumer's time between pulls is not upstream silence.
            watchdog.disarm();
            streamedText = true;
            yield { type: 'delta', text };
          }
          if (streamedText) watchdog.arm(timeouts.idleMs, 'waiting for the next token');
          if (chunk.model) model = chunk.model;
          if (choice?.finish_reason) finishReason = finishReasons[choice.finish_reason] ?? 'stop';
          usage = usageOf(chunk) ?? usage;
        }
        watchdog.disarm();
        // The SDK ends its iterator quietly when its signal aborts; the reason says why.
        if (controller.signal.aborted) throw controller.signal.reason;
        if (!finishReason) throw new ChatError('PROVIDER_NETWORK', 'the stream ended before the reply was finished');
        if (usage) yield { type: 'usage', usage };
        return yield { type: 'done', finishReason, model };
      } catch (error) {
        watchdog.disarm();
        if (userSignal?.aborted) return yield aborted();
        const chatError = toChatError(controller.signal.aborted ? controller.signal.reason : error);
        if (streamedText) throw chatError.asPartial();
        const delayMs = retryDelayMs(chatError, attempt, retry);
        if (delayMs === undefined) throw chatError;
        if (!(await sleepUnlessAborted(delayMs, userSignal))) return yield aborted();
      } finally {
        watchdog.disarm();
        userSignal?.removeEventListener('abort', onUserAbort);
        // Closes the upstream socket when the consumer stopped early or the attempt failed.
        controller.abort();
      }
    }
  }

  return { name: settings.name ?? (onOpenAI ? 'openai' : 'openai-compatible'), offline: false, stream };
}
