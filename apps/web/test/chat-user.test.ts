import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { sessionClaims } from '../src/server/chat-user';

const secret = 'test-secret-0123456789-0123456789';
const salt = 'authjs.session-token';

const sessionCookie = async (
  token: Record<string, unknown>,
  options: { maxAge?: number; secret?: string; name?: string } = {},
) => {
  const name = options.name ?? salt;
  const value = await encode({
    token: { sv: 0, ...token },
    secret: options.secret ?? secret,
    salt: name,
    maxAge: options.maxAge,
  });
  return `${name}=${value}`;
};
const request = (cookie?: string) => new Request('http://lumi.test/api/chat', { headers: cookie ? { cookie } : {} });

describe('sessionClaims: who a chat stream’s session cookie names', () => {
  it('gives each student their own identity, every time their cookie comes back', async () => {
    const ada = await sessionCookie({ uid: 'ada', role: 'STUDENT', name: 'Ada' });
    const bo = await sessionCookie({ uid: 'bo', role: 'STUDENT', name: 'Bo' });
    for (let i = 0; i < 3; i++) {
      expect(await sessionClaims(request(ada), secret)).toEqual({ id: 'ada', version: 0 });
      expect(await sessionClaims(request(bo), secret)).toEqual({ id: 'bo', version: 0 });
    }
  });

  it('knows a student by the session cookie alone, whatever other cookies come with it', async () => {
    const session = await sessionCookie({ uid: 'eve', role: 'STUDENT', name: 'Eve' });
    for (const cookie of [session, `lumi-lang=zh; ${session}`, `${session}; theme=dark; lumi-lang=en`]) {
      expect(await sessionClaims(request(cookie), secret)).toMatchObject({ id: 'eve' });
    }
  });

  it('ignores an Authorization header, so nobody can pin their identity to another visitor’s cookies', async () => {
    const mallory = await encode({ token: { uid: 'mallory', role: 'STUDENT', sv: 0 }, secret, salt });
    const withBearer = new Request('http://lumi.test/api/chat', {
      headers: { cookie: 'lumi-lang=zh', authorization: `Bearer ${mallory}` },
    });
    expect(await sessionClaims(withBearer, secret)).toBeNull();
    // A signed-out visitor who kept the same language cookie is still nobody.
    expect(await sessionClaims(request('lumi-lang=zh'), secret)).toBeNull();
  });

  it('reads the __Secure- cookie that Auth.js sets over HTTPS', async () => {
    const cookie = await sessionCookie(
      { uid: 'cy', role: 'TEACHER', name: 'Cy' },
      { name: '__Secure-authjs.session-token' },
    );
    expect(await sessionClaims(request(cookie), secret)).toMatchObject({ id: 'cy' });
  });

  it('turns away no cookie, a tampered cookie, a foreign secret, an expired token and a token without a version', async () => {
    const valid = await sessionCookie({ uid: 'dee', role: 'STUDENT', name: 'Dee' });
    expect(await sessionClaims(request(valid), secret)).toMatchObject({ id: 'dee' });
    const tampered = valid.slice(0, -4) + (valid.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const rejected = [
      undefined,
      'other=1',
      tampered,
      await sessionCookie({ uid: 'dee', role: 'STUDENT' }, { secret: 'someone-elses-secret-0123456789-01' }),
      // Auth.js allows 15 s of clock skew; this one expired a minute ago.
      await sessionCookie({ uid: 'dee', role: 'STUDENT' }, { maxAge: -60 }),
      await sessionCookie({ uid: 'dee', sv: undefined }),
    ];
    for (const cookie of rejected) expect(await sessionClaims(request(cookie), secret)).toBeNull();
  });
});
