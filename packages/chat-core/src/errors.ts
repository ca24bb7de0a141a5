// The one error type chat-core throws. `code` drives behaviour (retry, UI), `studentMessage` is safe to show.

export const chatErrorCodes = [
  'bad_key',
  'quota',
  'rate_limited',
  'context_too_long',
  'timeout',
  'network',
  'malformed',
  'upstream',
  'aborted',
] as const;

export type ChatErrorCode = (typeof chatErrorCodes)[number];

const studentMessages: Record<ChatErrorCode, string> = {
  bad_key: 'The tutor is not set up correctly right now. Please tell your teacher.',
  quota: 'The tutor has used up its allowance for now. Please tell your teacher.',
  rate_limited: 'The tutor is very busy right now. Please try again in a moment.',
  context_too_long: 'This conversation has become too long for the tutor. Please start a new one.',
  timeout: 'The tutor took too long to answer. Please try again.',
  network: 'The connection to the tutor was lost. Please try again.',
  malformed: 'The tutor sent an answer we could not read. Please try again.',
  upstream: 'The tutor service had a problem. Please try again in a moment.',
  aborted: 'The answer was stopped.',
};

export interface ChatErrorOptions {
  /** Whether trying the same request again later can succeed. */
  retryable?: boolean;
  /** How long the provider asked us to wait (Retry-After), when it said. */
  retryAfterMs?: number;
  /** Deltas were already streamed before the failure; the caller holds a partial reply. */
  partial?: boolean;
  /** HTTP status from the provider, when there was one. */
  status?: number;
  cause?: unknown;
}

const retryableByDefault: ReadonlySet<ChatErrorCode> = new Set([
  'rate_limited',
  'timeout',
  'network',
  'malformed',
  'upstream',
]);

export class ChatError extends Error {
  override readonly name = 'ChatError';
  readonly code: ChatErrorCode;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly partial: boolean;
  readonly status?: number;

  /** `message` is for logs (may hold provider detail); show `studentMessage` to students. */
  constructor(code: ChatErrorCode, message: string, options: ChatErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.retryable = options.retryable ?? retryableByDefault.has(code);
    this.retryAfterMs = options.retryAfterMs;
    this.partial = options.partial ?? false;
    this.status = options.status;
  }

  /** English text fit for a student. */
  get studentMessage(): string {
    return studentMessages[this.code];
  }

  /** Stable key for the UI's translations, e.g. `chat.error.rate_limited`. */
  get messageKey(): string {
    return `chat.error.${this.code}`;
  }

  /** The same error, marked as having happened after part of the reply streamed. */
  asPartial(): ChatError {
    if (this.partial) return this;
    return new ChatError(this.code, this.message, {
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      status: this.status,
      partial: true,
      cause: this.cause,
    });
  }
}

export function isChatError(error: unknown): error is ChatError {
  return error instanceof ChatError;
}
