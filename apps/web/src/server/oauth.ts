import type { Account, Profile } from 'next-auth';
import GitHub from 'next-auth/providers/github';
import Google from 'next-auth/providers/google';
import { getServices } from './services';

const env = process.env;
// GitHub Enterprise Server (a school's own GitHub) serves the same sign-in and API under its own address.
const githubBase = env.AUTH_GITHUB_ENTERPRISE_URL?.replace(/\/+$/, '');
const githubApi = githubBase ? `${githubBase}/api/v3` : 'https://api.github.com';

/** OAuth providers switch on only when their credentials are configured. */
export const oauthProviders = [
  env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET
    ? GitHub({
        clientId: env.AUTH_GITHUB_ID,
        clientSecret: env.AUTH_GITHUB_SECRET,
        enterprise: githubBase ? { baseUrl: githubBase } : undefined,
      })
    : null,
  env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET
    ? Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET })
    : null,
].filter((provider) => provider !== null);

export const oauthProviderIds = oauthProviders.map((provider) => provider.id);

/**
 * Whether the provider vouches that this address belongs to the person signing in. OAuth sign-ins are matched to
 * Lumi accounts by email, and GitHub accepts addresses nobody has confirmed: an unverified one could open someone
 * else's account, a teacher's or a child's.
 */
export async function emailVerified(account: Account, profile: Profile | undefined, email: string): Promise<boolean> {
  if (account.provider === 'google') return profile?.email_verified === true;
  if (account.provider !== 'github' || !account.access_token) return false;
  const response = await fetch(`${githubApi}/user/emails`, {
    headers: {
      authorization: `Bearer ${account.access_token}`,
      accept: 'application/vnd.github+json',
      'user-agent': 'lumi',
    },
  });
  if (!response.ok) return false;
  const emails = (await response.json()) as { email: string; verified: boolean }[];
  return emails.some((entry) => entry.verified && entry.email.toLowerCase() === email.toLowerCase());
}

/** OAuth users have no DB adapter: they are matched by (verified) email, or created as students. */
export async function findOrCreateOAuthUser(email: string, name: string | null | undefined) {
  const { db } = getServices();
  const normalized = email.trim().toLowerCase();
  return db.user.upsert({
    where: { email: normalized },
    create: { email: normalized, name: name?.trim() || normalized.split('@')[0]!, role: 'STUDENT' },
    update: {},
    select: { id: true, name: true, role: true, disabledAt: true, sessionVersion: true },
  });
}
