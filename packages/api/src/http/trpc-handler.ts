import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createContext, type LumiServices, type SessionUser } from '../context';
import { appRouter } from '../root';

/** `/api/trpc/*`: every procedure of the app router, batched or one at a time, for the caller the web app names. */
export function handleTrpc(request: Request, services: LumiServices, user: SessionUser | null, ip: string | null) {
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    createContext: () => createContext(services, user, ip),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`lumi: tRPC ${path} failed`, error);
    },
  });
}
