import { z } from 'zod';

/** Faults the fake can inject into a chat completion request. */
export const faultSchema = z.enum([
  /** 429 rate_limit_exceeded, with Retry-After / retry-after-ms when given. */
  'rate_limited',
  /** 429 insufficient_quota (billing), never worth retrying. */
  'quota',
  /** 500 server_error (or `status` when set). */
  'server_error',
  /** 401 invalid_api_key. */
  'bad_key',
  /** 400 context_length_exceeded. */
  'context_too_long',
  /** Headers and the role chunk are sent, then nothing: the client's first-token timeout must fire. */
  'stall_before_first_token',
  /** `afterChunks` content chunks are sent, then nothing: the client's idle timeout must fire. */
  'stall_mid_stream',
  /** `afterChunks` content chunks are sent, then the socket is destroyed. */
  'drop_mid_stream',
  /**
   * The socket is destroyed before any response, as a server or proxy closing a keep-alive connection just as the
   * client reuses it ("other side closed").
   */
  'drop_connection',
  /** `afterChunks` content chunks are sent, then a line that is not JSON. */
  'malformed',
  /** The reply is delivered normally, but its content is broken JSON (for structured-output requests). */
  'malformed_json',
  /** The reply is well-formed JSON that does not follow the requested schema. */
  'off_schema_json',
]);

/** How the fake answers one request. Every field is optional; the default answers normally. */
export const behaviourSchema = z.object({
  /** Reply text; default: deterministic text derived from the last user message. */
  reply: z.string().optional(),
  /** Characters per content chunk; default: one word (with its leading space) per chunk. */
  chunkSize: z.number().int().positive().optional(),
  /** Pause before each content chunk. */
  delayMs: z.number().int().nonnegative().optional(),
  /** Pause before the first content chunk instead of `delayMs`: a model's time to first token. */
  firstTokenDelayMs: z.number().int().nonnegative().optional(),
  /**
   * Pause before the response headers (the connection is already accepted): many compatible servers and proxies
   * send headers only with the first token.
   */
  headersDelayMs: z.number().int().nonnegative().optional(),
  fault: faultSchema.optional(),
  /** HTTP status for `server_error` (default 500). */
  status: z.number().int().min(500).max(599).optional(),
  /** Retry-After header value (seconds or an HTTP date) sent with 429 / 5xx. */
  retryAfter: z.string().optional(),
  /** retry-after-ms header (OpenAI sends it alongside Retry-After). */
  retryAfterMs: z.number().int().nonnegative().optional(),
  /** Content chunks sent before a mid-stream fault (default 2). */
  afterChunks: z.number().int().nonnegative().optional(),
  /** Leave out the usage chunk even when `stream_options.include_usage` asks for it (like some compatible servers). */
  omitUsage: z.boolean().optional(),
  /** Reported `prompt_tokens_details.cached_tokens` (default 0). */
  cachedTokens: z.number().int().nonnegative().optional(),
  /** Write the whole reply whatever `max_tokens` / `max_completion_tokens` asked for, as some compatible servers do. */
  ignoreMaxTokens: z.boolean().optional(),
  /** Model name echoed back in chunks (default: the requested one). */
  model: z.string().optional(),
});

export type Fault = z.infer<typeof faultSchema>;
export type Behaviour = z.infer<typeof behaviourSchema>;
