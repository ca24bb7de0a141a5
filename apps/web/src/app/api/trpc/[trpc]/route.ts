import { appRouter, createContext } from '@lumi/api';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { getServices } from '../../../../server/services';
import { clientIp, currentUser } from '../../../../server/session-user';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

async function handler(req: Request) {
  const user = await currentUser();
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: () => createContext(getServices(), user, clientIp(req)),
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`lumi: tRPC ${path} failed`, error);
    },
  });
}

export { handler as GET, handler as POST };
