// Lumi's one error vocabulary. Browser-safe (no server modules): the web app imports it for its translation keys.
import { chatErrorCodes, type ChatErrorCode } from '@lumi/chat-core/errors';

/**
 * Every code that can end a request before any reply streams (a tRPC call, or POST /api/chat before its first
 * event), with the HTTP status it is answered with. The status is decided here and nowhere else.
 */
export const REQUEST_ERROR_STATUS = {
  /** The request's fields are wrong (zod), or a client bug sent something the server cannot use. */
  BAD_INPUT: 400,
  BAD_JSON: 400,
  MODEL_NOT_ALLOWED: 400,
  /** One message is too long for the tutor's window even with nothing else in it. */
  CONTEXT_TOO_LONG: 400,
  NOT_EDITABLE: 400,
  NOT_RETRYABLE: 400,
  STILL_STREAMING: 400,
  JOIN_CODE_UNKNOWN: 400,
  /** A password reset code that is wrong, used or expired. */
  RESET_CODE_INVALID: 400,
  /** A common password, or one made of the account's own email or name. */
  WEAK_PASSWORD: 400,
  UNKNOWN_MODEL: 400,
  UNKNOWN_RULE: 400,
  /** A teacher's scenario or drill set that cannot run; the message names the field. */
  INVALID_EXERCISE: 400,
  /** An answer to a language-practice exercise that has already ended. */
  EXERCISE_FINISHED: 400,
  /** A new turn in a roleplay that has reached its scenario's turn limit; nothing is stored or charged. */
  TURN_LIMIT_REACHED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  /** A teacher account an admin has not approved yet: it signs in, but creates no classes. */
  TEACHER_NOT_APPROVED: 403,
  NOT_FOUND: 404,
  /** The body (or the address) is larger than the endpoint reads; refused before it is read whole. */
  TOO_LARGE: 413,
  /** This student (or this network, for sign-ups) sends too fast; `resetAt` says when it will work. */
  RATE_LIMITED: 429,
  /** Today's tokens are spent; `resetAt` is the next UTC midnight. */
  BUDGET_EXHAUSTED: 429,
  /** Some of today's tokens are left (`tokensLeft`), too few for a reply to this message; `resetAt` as above. */
  BUDGET_TOO_SMALL: 429,
  /** The installation's or the class's teacher's money cap for the day or month is reached; `resetAt` says when. */
  SPEND_CAP_REACHED: 429,
  INTERNAL: 500,
  /** This node is shutting down and takes no new chat turns; the same send reaches another node. */
  DRAINING: 503,
  /**
   * The moderation service cannot answer (after its retries) and the class fails closed: nothing was stored, the
   * same send works again in a moment.
   */
  MODERATION_UNAVAILABLE: 503,
  /** The model could not write a class insight (upstream failure, or no valid answer twice); nothing was stored. */
  INSIGHT_UNAVAILABLE: 503,
  /** The database cannot be reached (down, restarting, failing over): nothing was stored; try again in a moment. */
  DATABASE_UNAVAILABLE: 503,
} as const;

export type RequestErrorCode = keyof typeof REQUEST_ERROR_STATUS;
export type ErrorStatus = (typeof REQUEST_ERROR_STATUS)[RequestErrorCode];

/**
 * Codes that only ever arrive inside a reply: in a stream's `error` event (the response already began with 200) or
 * on a stored reply (`Message.errorCode`), which a later visit shows.
 */
export const STREAM_ERROR_CODES = [
  /** The stream from Lumi to the browser broke (or never opened). */
  'STREAM_FAILED',
  /** The reply could not be written to the database. */
  'SAVE_FAILED',
  /** The node generating the reply went away before it finished. */
  'INTERRUPTED',
] as const;

export type StreamErrorCode = (typeof STREAM_ERROR_CODES)[number];

/** One union: tRPC errors' `appCode`, the chat stream's error events, stored replies and the UI's `error.<code>` keys. */
export type ErrorCode = RequestErrorCode | StreamErrorCode | ChatErrorCode;

export function isRequestErrorCode(code: string): code is RequestErrorCode {
  return Object.hasOwn(REQUEST_ERROR_STATUS, code);
}

const streamAndProviderCodes: ReadonlySet<string> = new Set([...STREAM_ERROR_CODES, ...chatErrorCodes]);

export function isErrorCode(code: string | null | undefined): code is ErrorCode {
  return typeof code === 'string' && (isRequestErrorCode(code) || streamAndProviderCodes.has(code));
}

export const ERROR_CODES: readonly ErrorCode[] = [
  ...Object.keys(REQUEST_ERROR_STATUS).filter(isRequestErrorCode),
  ...STREAM_ERROR_CODES,
  ...chatErrorCodes,
];

export function httpStatus(code: RequestErrorCode): ErrorStatus {
  return REQUEST_ERROR_STATUS[code];
}

export type { ChatErrorCode };
export * from './form-messages';
