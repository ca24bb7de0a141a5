import type { Logger } from '../observability/logger';
import { requestIdOf } from '../observability/logger';

/**
 * Serves `request` with `handle` under a request id (the balancer's X-Request-Id, or a new one), answers with that
 * id in X-Request-Id, and logs one JSON line: route, status, time to the response's head, the caller's id. The
 * body is never read here, so nothing a student wrote can reach the log.
 */
export async function withRequestLog(
  log: Logger,
  route: string,
  request: Request,
  handle: () => Promise<Response>,
  userId?: string | null,
): Promise<Response> {
  const requestId = requestIdOf(request);
  const requestLog = log.child({ requestId });
  const started = performance.now();
  let response: Response;
  try {
    response = await handle();
  } catch (error) {
    requestLog.error({ err: error, route, userId }, 'request failed');
    throw error;
  }
  response.headers.set('x-request-id', requestId);
  const fields = {
    route,
    method: request.method,
    status: response.status,
    ms: Math.round(performance.now() - started),
    userId,
  };
  if (response.status >= 500) requestLog.error(fields, 'request');
  else requestLog.info(fields, 'request');
  return response;
}
