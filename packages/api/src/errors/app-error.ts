import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { ZodError } from 'zod';
import { httpStatus, type ErrorStatus, type RequestErrorCode } from './codes';
import { isDatabaseUnreachable } from './database-unreachable';

/** The tRPC code each status travels as, so tRPC's HTTP layer answers with the vocabulary's status. */
const TRPC_CODE: Record<ErrorStatus, TRPC_ERROR_CODE_KEY> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_SERVER_ERROR',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * A refusal with a stable code the UI can translate, an optional time when trying again will work and, for a budget
 * refusal, the tokens left today.
 */
export class AppError extends TRPCError {
  constructor(
    readonly appCode: RequestErrorCode,
    message: string,
    readonly resetAt?: Date,
    readonly tokensLeft?: number,
  ) {
    super({ code: TRPC_CODE[httpStatus(appCode)], message });
    this.name = 'AppError';
  }
}

/** What a failure raised by tRPC itself (or a TRPCError from a library) means in Lumi's vocabulary. */
const FROM_TRPC: Record<TRPC_ERROR_CODE_KEY, RequestErrorCode> = {
  PARSE_ERROR: 'BAD_JSON',
  BAD_REQUEST: 'BAD_INPUT',
  UNPROCESSABLE_CONTENT: 'BAD_INPUT',
  UNSUPPORTED_MEDIA_TYPE: 'BAD_INPUT',
  METHOD_NOT_SUPPORTED: 'BAD_INPUT',
  PRECONDITION_FAILED: 'BAD_INPUT',
  PRECONDITION_REQUIRED: 'BAD_INPUT',
  CONFLICT: 'BAD_INPUT',
  PAYLOAD_TOO_LARGE: 'TOO_LARGE',
  UNAUTHORIZED: 'UNAUTHORIZED',
  PAYMENT_REQUIRED: 'FORBIDDEN',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  TOO_MANY_REQUESTS: 'RATE_LIMITED',
  INTERNAL_SERVER_ERROR: 'INTERNAL',
  NOT_IMPLEMENTED: 'INTERNAL',
  BAD_GATEWAY: 'INTERNAL',
  SERVICE_UNAVAILABLE: 'INTERNAL',
  GATEWAY_TIMEOUT: 'INTERNAL',
  TIMEOUT: 'INTERNAL',
  CLIENT_CLOSED_REQUEST: 'INTERNAL',
};

const INTERNAL_MESSAGE = 'Something went wrong on our side. Try again.';
const UNREACHABLE_MESSAGE = 'Lumi cannot reach its database just now. Try again in a moment.';

/**
 * Any failure as an AppError, for the two places errors leave the API (tRPC's error formatter and the chat
 * endpoint's JSON errors): input that failed its schema is BAD_INPUT, anything unexpected is INTERNAL.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return new AppError('BAD_INPUT', error.issues[0]?.message ?? 'Invalid input.');
  if (error instanceof TRPCError) {
    if (error.cause instanceof ZodError) return toAppError(error.cause);
    if (error.cause instanceof AppError) return error.cause;
    if (isDatabaseUnreachable(error.cause)) return new AppError('DATABASE_UNAVAILABLE', UNREACHABLE_MESSAGE);
    const code = FROM_TRPC[error.code];
    // An unexpected failure's own message may hold internals; it goes to the log, not to the student.
    return new AppError(code, code === 'INTERNAL' ? INTERNAL_MESSAGE : error.message);
  }
  if (isDatabaseUnreachable(error)) return new AppError('DATABASE_UNAVAILABLE', UNREACHABLE_MESSAGE);
  return new AppError('INTERNAL', INTERNAL_MESSAGE);
}
