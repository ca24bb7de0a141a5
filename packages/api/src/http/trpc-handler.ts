import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createContext, type LumiServices, type SessionUser } from '../context';
import { AppError } from '../errors/app-error';
import { appRouter } from '../root';
import { MAX_BATCH_CALLS } from '../shared/batch';
import { BODY_LIMITS, withLimitedBody } from './body';

/** `/api/trpc/*`: every procedure of the app router, batched or one at a time, for the caller the web app names. */
export async function handleTrpc(
  request: Request,
  services: LumiServices,
  user: SessionUser | null,
  ip: string | null,
) {
  const { req, refusal } = await withinLimits(request);
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    // A longer batch is refused whole before any call runs (the web client sends at most this many at once).
    maxBatchSize: MAX_BATCH_CALLS,
    // A refusal thrown here reaches every call of the request in tRPC's own error shape, so the client reads it.
    createContext: () => {
      if (refusal) throw refusal;
      return createContext(services, user, ip);
    },
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`lumi: tRPC ${path} failed`, error);
    },
  });
}

/**
 * tRPC reads a body whole before parsing it; a queried input travels in the address. Both are held to the tRPC
 * limit first. A refused request goes on without its body, only to be answered with the refusal.
 */
async function withinLimits(request: Request): Promise<{ req: Request; refusal: AppError | null }> {
  if (new URL(request.url).search.length > BODY_LIMITS.trpc) {
    return {
      req: new Request(request.url.split('?')[0]!),
      refusal: new AppError('TOO_LARGE', 'The request is too large.'),
    };
  }
  try {
    return { req: await withLimitedBody(request, BODY_LIMITS.trpc), refusal: null };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { req: new Request(request.url, { method: request.method, headers: request.headers }), refusal: error };
  }
}
