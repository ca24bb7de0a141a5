// The shared vocabulary of chat-core. Everything else in the package speaks these types.

export type ChatRole = 'system' | 'user' | 'assistant';

export interface ChatMessage {
  role: ChatRole;
  content: string;
}

/** A turn from a stored history. `tokenCount`, when present, was computed by `countMessageTokens` and is trusted. */
export interface HistoryMessage extends ChatMessage {
  id: string;
  tokenCount?: number;
  /** `tokenCountFormat(model)` at the time `tokenCount` was computed; a count in another format is recounted. */
  tokenCountFormat?: string;
}

export interface Usage {
  promptTokens: number;
  completionTokens: number;
  /** Prompt tokens served from the provider's cache (billed at the cached-input price). */
  cachedTokens: number;
}

export type FinishReason = 'stop' | 'length' | 'content_filter' | 'aborted' | 'error';

export type StreamEvent =
  | { type: 'delta'; text: string }
  /** Emitted once, when the provider reports usage (the final chunk with `include_usage`). */
  | { type: 'usage'; usage: Usage }
  | { type: 'done'; finishReason: FinishReason; model: string };

export interface ChatRequest {
  model: string;
  messages: ChatMessage[];
  /** Cap on the reply (`max_tokens` / `max_completion_tokens`). */
  maxTokens: number;
  temperature?: number;
  /** Aborting ends the stream at once; the iterator then finishes with `done` / finishReason 'aborted'. */
  signal?: AbortSignal;
  /** Opaque end-user id forwarded to the provider for abuse tracking. */
  user?: string;
  /**
   * Ask for JSON that follows `schema` (OpenAI's `response_format: json_schema`, strict). Only for models whose
   * catalog entry has `capabilities.jsonSchema`; practice/structured.ts describes the schema in the prompt otherwise.
   */
  responseFormat?: { name: string; schema: Record<string, unknown> };
}

/** One streaming interface over OpenAI, OpenAI-compatible servers and the offline demo tutor. */
export interface ChatProvider {
  readonly name: string;
  /** True for the offline demo tutor. */
  readonly offline: boolean;
  /**
   * Yields `delta`*, then `usage` (when the provider reports it), then exactly one `done`.
   * Failures are thrown, never yielded: a `ChatError` (src/errors.ts) whose `partial` says whether deltas were
   * already yielded. Before the first delta, 429 / 5xx / connection failures were retried already; after it there
   * is no retry, so the caller keeps the partial text and shows `studentMessage`. Aborting is not a failure: the
   * stream ends with `done` / 'aborted' (no `usage`; the caller counts what it received).
   */
  stream(request: ChatRequest): AsyncIterable<StreamEvent>;
}

export interface ModerationResult {
  flagged: boolean;
  /** Category name -> score in [0, 1]. */
  categories: Record<string, number>;
  /** Clearly harmful: the tutor should refuse kindly instead of answering. */
  refuse: boolean;
}

export interface Moderator {
  readonly name: string;
  check(text: string, signal?: AbortSignal): Promise<ModerationResult>;
}
