import { handleTrpc } from '@lumi/api';
import { getServices } from '../../../../server/services';
import { clientIp, currentUser } from '../../../../server/session-user';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

async function handler(req: Request) {
  return handleTrpc(req, getServices(), await currentUser(), clientIp(req));
}

export { handler as GET, handler as POST };
