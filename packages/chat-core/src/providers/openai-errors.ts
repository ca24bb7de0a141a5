import { APIConnectionError, APIConnectionTimeoutError, APIError, OpenAIError } from 'openai';
import { ChatError } from '../errors';
import { parseRetryAfterMs } from '../net/retry';

function mapApiError(error: APIError): ChatError {
  const { status, code, type } = error;
  const retryAfterMs = parseRetryAfterMs(error.headers);
  const options = { status, retryAfterMs, cause: error };
  if (status === 401 || status === 403 || code === 'invalid_api_key')
    return new ChatError('PROVIDER_BAD_KEY', error.message, options);
  if (code === 'insufficient_quota' || type === 'insufficient_quota')
    return new ChatError('PROVIDER_QUOTA', error.message, options);
  if (status === 429 || code === 'rate_limit_exceeded')
    return new ChatError('PROVIDER_RATE_LIMITED', error.message, options);
  if (code === 'context_length_exceeded' || /maximum context length/i.test(error.message)) {
    return new ChatError('PROVIDER_CONTEXT_TOO_LONG', error.message, options);
  }
  // 408 / 409 / 5xx are transient on OpenAI's side; other 4xx mean the request itself is wrong.
  const transient = status === undefined || status === 408 || status === 409 || status >= 500;
  return new ChatError('PROVIDER_ERROR', error.message, { ...options, retryable: transient });
}

/** Maps whatever the SDK or the socket threw onto the ChatError vocabulary. */
export function toChatError(error: unknown): ChatError {
  if (error instanceof ChatError) return error;
  if (error instanceof APIConnectionTimeoutError)
    return new ChatError('PROVIDER_TIMEOUT', error.message, { cause: error });
  if (error instanceof APIConnectionError) return new ChatError('PROVIDER_NETWORK', error.message, { cause: error });
  if (error instanceof APIError) return mapApiError(error as APIError);
  // JSON.parse on an SSE line, or a response without a body.
  if (error instanceof SyntaxError || error instanceof OpenAIError) {
    return new ChatError('PROVIDER_MALFORMED', `unreadable response: ${error.message}`, { cause: error });
  }
  // undici reports a socket closed mid-body as TypeError('terminated') and friends.
  const message = error instanceof Error ? error.message : String(error);
  return new ChatError('PROVIDER_NETWORK', message, { cause: error });
}
