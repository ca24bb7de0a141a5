import type { SessionUser } from '@lumi/api';
import type { Role } from '@lumi/db';
import { LRUCache } from 'lru-cache';
import { getToken } from 'next-auth/jwt';

/**
 * Decoding a session cookie (key derivation and decryption) costs ~0.8 ms of CPU in front of every first token, and
 * a student's turns all carry the same cookie. The same cookie always decodes to the same user, so a decoded one is
 * kept until its token expires; a new cookie (another student, a refreshed session) is a new key.
 */
const decoded = new LRUCache<string, SessionUser>({ max: 5_000 });

/**
 * The caller of a chat stream, read straight from the session cookie. auth() runs Auth.js's whole session request
 * (and re-encrypts the cookie) on every call; the chat turn sits in front of a first token, so it only decrypts.
 * Either cookie name is tried: the __Secure- one is used over HTTPS, which a proxy may hide from the request URL.
 */
export async function chatUser(request: Request, secret = process.env.AUTH_SECRET): Promise<SessionUser | null> {
  const cookie = request.headers.get('cookie');
  if (!cookie) return null;
  const known = decoded.get(cookie);
  if (known) return known;
  for (const secureCookie of [true, false]) {
    const token = await getToken({ req: request, secret, secureCookie });
    if (!token) continue;
    if (typeof token.uid !== 'string' || typeof token.role !== 'string') return null;
    const user: SessionUser = { id: token.uid, role: token.role as Role, name: token.name ?? '' };
    const ttl = typeof token.exp === 'number' ? token.exp * 1000 - Date.now() : 0;
    if (ttl > 0) decoded.set(cookie, user, { ttl });
    return user;
  }
  return null;
}
