import type { SessionUser } from '@lumi/api';
import type { Role } from '@lumi/db';
import { getToken } from 'next-auth/jwt';
import { auth } from '../auth';

/** The signed-in caller as the API expects it, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.role) return null;
  return { id: user.id, role: user.role, name: user.name ?? '' };
}

/**
 * The caller of a chat stream, read straight from the session cookie. auth() runs Auth.js's whole session request
 * (and re-encrypts the cookie) on every call; the chat turn sits in front of a first token, so it only decrypts.
 * Either cookie name is tried: the __Secure- one is used over HTTPS, which a proxy may hide from the request URL.
 */
export async function chatUser(request: Request): Promise<SessionUser | null> {
  for (const secureCookie of [true, false]) {
    const token = await getToken({ req: request, secret: process.env.AUTH_SECRET, secureCookie });
    if (token) {
      return typeof token.uid === 'string' && typeof token.role === 'string'
        ? { id: token.uid, role: token.role as Role, name: token.name ?? '' }
        : null;
    }
  }
  return null;
}

/** The client address for anonymous rate limits; the first hop of x-forwarded-for when behind a proxy. */
export function clientIp(request: Request): string | null {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || request.headers.get('x-real-ip');
}
