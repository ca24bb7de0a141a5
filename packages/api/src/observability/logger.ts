import { randomUUID } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * One JSON object a line on stdout (or `destination`), for a log collector to index. What a student writes
 * never goes in: callers log ids, codes and timings, and errors are reduced to their type, code and message
 * (a database error's `detail` can quote a row's values).
 */
export function createLogger(destination?: DestinationStream): Logger {
  return pino(
    {
      base: { service: 'lumi' },
      level: process.env.LUMI_LOG_LEVEL ?? 'info',
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: describeError },
    },
    destination,
  );
}

function describeError(error: unknown) {
  if (!(error instanceof Error)) return { message: String(error).slice(0, 300) };
  const code = (error as { code?: unknown }).code;
  return { type: error.name, code: typeof code === 'string' ? code : undefined, message: error.message.slice(0, 300) };
}

const REQUEST_ID = /^[\w.:-]{1,100}$/;

/** The load balancer's request id (nginx's $request_id as X-Request-Id) when it sent a sane one, else a new one. */
export function requestIdOf(request: Request): string {
  const given = request.headers.get('x-request-id');
  return given && REQUEST_ID.test(given) ? given : randomUUID();
}
