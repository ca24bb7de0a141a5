import type { Account } from 'next-auth';
import { describe, expect, it } from 'vitest';
import { emailVerified } from '../src/server/oauth';

const account = (provider: string): Account => ({
  provider,
  type: 'oidc',
  providerAccountId: '1',
  access_token: 'token',
});

// GitHub's side is covered end to end by e2e/oauth.spec.ts against a stand-in GitHub.
describe('emailVerified: an OAuth email opens a Lumi account only when the provider vouches for it', () => {
  it('takes a Google address only with email_verified set', async () => {
    const email = 'ms.rivera@school.test';
    expect(await emailVerified(account('google'), { email, email_verified: true }, email)).toBe(true);
    expect(await emailVerified(account('google'), { email, email_verified: false }, email)).toBe(false);
    expect(await emailVerified(account('google'), { email }, email)).toBe(false);
    expect(await emailVerified(account('google'), undefined, email)).toBe(false);
  });

  it('refuses providers it does not know how to ask', async () => {
    expect(await emailVerified(account('gitlab'), { email: 'a@b.test', email_verified: true }, 'a@b.test')).toBe(false);
  });
});
