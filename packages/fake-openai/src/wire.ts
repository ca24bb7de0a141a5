// OpenAI's wire shapes: error bodies and chat.completion(.chunk) objects.
import type { ComputedUsage } from './usage';

export interface ErrorReply {
  status: number;
  body: { error: { message: string; type: string; param: string | null; code: string | null } };
}

function errorReply(status: number, type: string, code: string | null, message: string): ErrorReply {
  return { status, body: { error: { message, type, param: null, code } } };
}

export const errorReplies = {
  rate_limited: () =>
    errorReply(429, 'requests', 'rate_limit_exceeded', 'Rate limit reached for requests. Please try again shortly.'),
  quota: () =>
    errorReply(
      429,
      'insufficient_quota',
      'insufficient_quota',
      'You exceeded your current quota, please check your plan and billing details.',
    ),
  server_error: (status: number) =>
    errorReply(
      status,
      'server_error',
      null,
      'The server had an error while processing your request. Sorry about that!',
    ),
  bad_key: () =>
    errorReply(
      401,
      'invalid_request_error',
      'invalid_api_key',
      'Incorrect API key provided: sk-****. You can find your API key at https://platform.openai.com/account/api-keys.',
    ),
  context_too_long: () =>
    errorReply(
      400,
      'invalid_request_error',
      'context_length_exceeded',
      "This model's maximum context length is 128000 tokens. However, your messages resulted in more tokens. Please reduce the length of the messages.",
    ),
  invalid_request: (message: string) => errorReply(400, 'invalid_request_error', null, message),
  not_found: (path: string) => errorReply(404, 'invalid_request_error', 'unknown_url', `Unknown request URL: ${path}.`),
};

export interface CompletionIds {
  id: string;
  created: number;
  model: string;
}

type FinishReason = 'stop' | 'length';

export function chunk(
  ids: CompletionIds,
  delta: { role?: 'assistant'; content?: string },
  finishReason: FinishReason | null = null,
) {
  return {
    ...ids,
    object: 'chat.completion.chunk',
    system_fingerprint: 'fp_fake',
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
  };
}

/** The final chunk sent with `stream_options.include_usage`: empty `choices`, only usage. */
export function usageChunk(ids: CompletionIds, usage: ComputedUsage) {
  return { ...ids, object: 'chat.completion.chunk', system_fingerprint: 'fp_fake', choices: [], usage };
}

export function completion(ids: CompletionIds, content: string, finishReason: FinishReason, usage: ComputedUsage) {
  return {
    ...ids,
    object: 'chat.completion',
    system_fingerprint: 'fp_fake',
    choices: [
      { index: 0, message: { role: 'assistant', content, refusal: null }, logprobs: null, finish_reason: finishReason },
    ],
    usage,
  };
}
