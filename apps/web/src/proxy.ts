import { NextResponse, type NextRequest } from 'next/server';

/**
 * Next answers a path it cannot percent-decode (`/api/chat/%ff%fe/stream`) with a bare 500 before any route sees it:
 * its 400 page exists only for the pages router. Such paths, and ones that decode to a NUL, get Lumi's BAD_INPUT.
 */
export function proxy(request: NextRequest) {
  if (decodable(request.nextUrl.pathname)) return NextResponse.next();
  return NextResponse.json(
    { error: { code: 'BAD_INPUT', message: 'The address is not valid.' } },
    { status: 400, headers: { 'cache-control': 'no-store' } },
  );
}

function decodable(pathname: string): boolean {
  try {
    return !decodeURIComponent(pathname).includes('\u0000');
  } catch {
    return false;
  }
}

export const config = {
  // Only paths holding an escape: everything else passes untouched, and request bodies (which Next copies for a
  // proxy) are never read here.
  matcher: '/:path(.*%.*)',
};
