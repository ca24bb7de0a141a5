import type { NextRequest } from 'next/server';
import { handlers } from '../../../../auth';
import { withVisitorOrigin } from '../../../../server/request-origin';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

// Auth.js answers with the address the visitor used, not the one Next assumed (server/request-origin.ts).
export const GET = (request: NextRequest) => handlers.GET(withVisitorOrigin(request));
export const POST = (request: NextRequest) => handlers.POST(withVisitorOrigin(request));
