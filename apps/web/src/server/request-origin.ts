import { NextRequest } from 'next/server';

/**
 * The request as the visitor addressed it. `next start` without a hostname builds every request's URL on
 * `localhost`, whatever address the browser used, and Auth.js builds its redirects (sign-out, error pages, OAuth
 * callbacks) from that URL: a student on `http://192.0.2.2:3000` would be sent to a dead `localhost` page. With
 * `trustHost` (auth.ts) the Host header, or a proxy's X-Forwarded-Host, names the address instead. When AUTH_URL is
 * set, Auth.js uses it as the public address and this changes nothing. A loopback host (127.x) still reads as
 * `localhost`: NextRequest rewrites it so, and only someone on the server itself uses one.
 */
export function withVisitorOrigin(
  request: NextRequest,
  env: Record<string, string | undefined> = process.env,
): NextRequest {
  if (env.AUTH_URL ?? env.NEXTAUTH_URL) return request;
  // Auth.js reads `request.url` (nextUrl may already name another host).
  const url = new URL(request.url);
  const origin = visitorOrigin(request.headers, url.protocol);
  if (!origin || origin === url.origin) return request;
  return new NextRequest(new URL(`${url.pathname}${url.search}`, origin), request);
}

/** `proto://host[:port]` from the forwarding or Host headers, or null when they do not name a plain origin. */
export function visitorOrigin(headers: Headers, fallbackProtocol: string): string | null {
  const first = (name: string) => headers.get(name)?.split(',')[0]?.trim() || null;
  const host = first('x-forwarded-host') ?? first('host');
  const protocol = (first('x-forwarded-proto') ?? fallbackProtocol).replace(/:$/, '');
  if (!host || (protocol !== 'http' && protocol !== 'https')) return null;
  // Only a host name or address with an optional port: nothing a URL would read as a path or credentials.
  if (!HOST.test(host)) return null;
  return URL.parse(`${protocol}://${host}`)?.origin ?? null;
}

const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;
