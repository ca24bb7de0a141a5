import { BODY_LIMITS, limitedOrRefused } from '@lumi/api';
import { NextRequest } from 'next/server';
import { handlers } from '../../../../auth';
import { withVisitorOrigin } from '../../../../server/request-origin';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

// Auth.js answers with the address the visitor used, not the one Next assumed (server/request-origin.ts).
export const GET = (request: NextRequest) => handlers.GET(withVisitorOrigin(request));
// Auth.js reads a sign-in form whole: it gets one only once it is known to be small.
export const POST = async (request: NextRequest) => {
  const limited = await limitedOrRefused(request, BODY_LIMITS.auth);
  return limited instanceof Response ? limited : handlers.POST(withVisitorOrigin(new NextRequest(limited)));
};
