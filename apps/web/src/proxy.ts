import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, newNonce } from './server/content-security-policy';

/**
 * Runs before every page (and before any path holding an escape):
 * - Next answers a path it cannot percent-decode (`/api/chat/%ff%fe/stream`) with a bare 500 before any route sees
 *   it: its 400 page exists only for the pages router. Such paths, and ones that decode to a NUL, get Lumi's
 *   BAD_INPUT.
 * - A page gets a Content-Security-Policy with a nonce of its own, set on the request too: Next reads the nonce from
 *   there and puts it on the scripts it renders (every page is rendered per request: the root layout reads the
 *   session). The other security headers, which need no nonce, are next.config.ts's.
 */
export function proxy(request: NextRequest) {
  if (!decodable(request.nextUrl.pathname)) {
    return NextResponse.json(
      { error: { code: 'BAD_INPUT', message: 'The address is not valid.' } },
      { status: 400, headers: { 'cache-control': 'no-store' } },
    );
  }
  if (request.nextUrl.pathname.startsWith('/api/')) return NextResponse.next();
  const policy = contentSecurityPolicy(newNonce());
  const headers = new Headers(request.headers);
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return response;
}

function decodable(pathname: string): boolean {
  try {
    return !decodeURIComponent(pathname).includes('\u0000');
  } catch {
    return false;
  }
}

export const config = {
  matcher: [
    // Any path holding an escape, API routes too (only their address is looked at: a proxy never reads a body).
    '/:path(.*%.*)',
    // Pages; not API routes (whose bodies Next would copy for a proxy), static files, or prefetches.
    {
      source: '/((?!api/|_next/static|_next/image|favicon.ico|icon.svg).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
