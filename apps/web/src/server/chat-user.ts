import { currentSessionUser, type SessionClaims, type SessionUser } from '@lumi/api';
import { LRUCache } from 'lru-cache';
import { getToken } from 'next-auth/jwt';
import { getServices } from './services';

/** Auth.js's session cookie: __Secure- over HTTPS, split into .0, .1, ... when the token is large. */
const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

/**
 * Decoding a session cookie (key derivation and decryption) costs ~0.8 ms of CPU in front of every first token, and
 * a student's turns all carry the same cookie. The same session cookie always decodes to the same claims, so they
 * are kept, keyed by the session cookie alone, until its token expires. Whether the session still counts is asked
 * of the database on every request (chatUser).
 */
const decoded = new LRUCache<string, SessionClaims>({
  max: 5_000,
  maxSize: 32 * 1024 * 1024,
  sizeCalculation: (_user, key) => key.length,
});

/** Only the session cookies of a Cookie header, in order: other cookies (a language choice) do not name the user. */
function sessionCookies(header: string | null): string {
  return (header ?? '')
    .split(';')
    .map((pair) => pair.trim())
    .filter((pair) => SESSION_COOKIE.test(pair.slice(0, pair.indexOf('='))))
    .join('; ');
}

/**
 * What the session cookie says, read straight from it. auth() runs Auth.js's whole session request (and
 * re-encrypts the cookie) on every call; the chat turn sits in front of a first token, so it only decrypts.
 * Only the cookie is read: getToken would also take an Authorization header, which a cache keyed by the cookie
 * must never see. Either cookie name is tried: the __Secure- one is used over HTTPS, which a proxy may hide.
 */
export async function sessionClaims(request: Request, secret = process.env.AUTH_SECRET): Promise<SessionClaims | null> {
  const cookie = sessionCookies(request.headers.get('cookie'));
  if (!cookie) return null;
  const known = decoded.get(cookie);
  if (known) return known;
  for (const secureCookie of [true, false]) {
    const token = await getToken({ req: { headers: { cookie } }, secret, secureCookie });
    if (!token) continue;
    if (typeof token.uid !== 'string' || typeof token.sv !== 'number') return null;
    const claims: SessionClaims = { id: token.uid, version: token.sv };
    const ttl = typeof token.exp === 'number' ? token.exp * 1000 - Date.now() : 0;
    if (ttl > 0) decoded.set(cookie, claims, { ttl });
    return claims;
  }
  return null;
}

/** The caller of a chat stream: the cookie's user while their session still counts, with the role they have now. */
export async function chatUser(request: Request): Promise<SessionUser | null> {
  const claims = await sessionClaims(request);
  return claims && currentSessionUser(getServices().db, claims);
}
