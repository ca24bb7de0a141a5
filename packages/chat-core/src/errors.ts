// The one error type chat-core throws. `code` drives behaviour (retry, UI), `studentMessage` is safe to show.

/**
 * What can go wrong between Lumi and a model provider (or its moderation endpoint). These codes are part of Lumi's
 * one error vocabulary (packages/api/src/errors): the API sends them to the browser as they are, so they are
 * upper case like the API's own codes and prefixed, since "the provider is rate-limiting Lumi"
 * (PROVIDER_RATE_LIMITED) is not "this student sends too fast" (RATE_LIMITED).
 */
export const chatErrorCodes = [
  'PROVIDER_BAD_KEY',
  'PROVIDER_QUOTA',
  'PROVIDER_RATE_LIMITED',
  'PROVIDER_CONTEXT_TOO_LONG',
  'PROVIDER_TIMEOUT',
  'PROVIDER_NETWORK',
  'PROVIDER_MALFORMED',
  'PROVIDER_ERROR',
  'ABORTED',
] as const;

export type ChatErrorCode = (typeof chatErrorCodes)[number];

const studentMessages: Record<ChatErrorCode, string> = {
  PROVIDER_BAD_KEY: 'The tutor is not set up correctly right now. Please tell your teacher.',
  PROVIDER_QUOTA: 'The tutor has used up its allowance for now. Please tell your teacher.',
  PROVIDER_RATE_LIMITED: 'The tutor is very busy right now. Please try again in a moment.',
  PROVIDER_CONTEXT_TOO_LONG: 'This conversation has become too long for the tutor. Please start a new one.',
  PROVIDER_TIMEOUT: 'The tutor took too long to answer. Please try again.',
  PROVIDER_NETWORK: 'The connection to the tutor was lost. Please try again.',
  PROVIDER_MALFORMED: 'The tutor sent an answer we could not read. Please try again.',
  PROVIDER_ERROR: 'The tutor service had a problem. Please try again in a moment.',
  ABORTED: 'The answer was stopped.',
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
  'PROVIDER_RATE_LIMITED',
  'PROVIDER_TIMEOUT',
  'PROVIDER_NETWORK',
  'PROVIDER_MALFORMED',
  'PROVIDER_ERROR',
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

  /** The web app's translation key for this error, e.g. `error.PROVIDER_RATE_LIMITED`. */
  get messageKey(): `error.${ChatErrorCode}` {
    return `error.${this.code}`;
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
