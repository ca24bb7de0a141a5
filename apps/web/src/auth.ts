import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import GitHub from 'next-auth/providers/github';
import Google from 'next-auth/providers/google';
import { verifyCredentials } from '@lumi/api';
import type { Role } from '@lumi/db';
import { getServices } from './server/services';

declare module 'next-auth' {
  interface User {
    role?: Role;
  }
  interface Session {
    user: { id: string; role: Role; name?: string | null; email?: string | null };
  }
}

/** Too many failed attempts; `code` carries when the lock lifts so the form can say "try again at HH:MM". */
class LockedSignin extends CredentialsSignin {
  constructor(resetAt: Date | undefined) {
    super();
    this.code = `locked:${resetAt?.toISOString() ?? ''}`;
  }
}

// OAuth providers switch on only when their credentials are configured.
const oauthProviders = [
  process.env.AUTH_GITHUB_ID && process.env.AUTH_GITHUB_SECRET ? GitHub : null,
  process.env.AUTH_GOOGLE_ID && process.env.AUTH_GOOGLE_SECRET ? Google : null,
].filter((p) => p !== null);

export const oauthProviderIds = oauthProviders.map((p) => (p === GitHub ? 'github' : 'google'));

/** OAuth users have no DB adapter: they are matched by email, or created as students. */
async function findOrCreateOAuthUser(email: string, name: string | null | undefined) {
  const { db } = getServices();
  const normalized = email.trim().toLowerCase();
  return db.user.upsert({
    where: { email: normalized },
    create: { email: normalized, name: name?.trim() || normalized.split('@')[0]!, role: 'STUDENT' },
    update: {},
    select: { id: true, name: true, role: true, disabledAt: true },
  });
}

const config: NextAuthConfig = {
  trustHost: true,
  secret: process.env.AUTH_SECRET,
  session: { strategy: 'jwt' },
  pages: { signIn: '/sign-in' },
  logger: {
    // A wrong password is an ordinary event the form already explains, not a server error.
    error(error) {
      if (!(error instanceof CredentialsSignin)) console.error('[auth]', error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw) {
        const result = await verifyCredentials(getServices().db, raw, new Date());
        if (result.ok) return result.user;
        if (result.reason === 'locked') throw new LockedSignin(result.resetAt);
        return null;
      },
    }),
    ...oauthProviders,
  ],
  callbacks: {
    async signIn({ user, account }) {
      if (!account || account.provider === 'credentials') return true;
      if (!user.email) return false;
      const found = await findOrCreateOAuthUser(user.email, user.name);
      return !found.disabledAt;
    },
    async jwt({ token, user, account }) {
      if (user && account?.provider === 'credentials') {
        token.uid = user.id;
        token.role = user.role;
      } else if (user?.email && account) {
        const found = await findOrCreateOAuthUser(user.email, user.name);
        token.uid = found.id;
        token.role = found.role;
        token.name = found.name;
      }
      return token;
    },
    session({ session, token }) {
      if (typeof token.uid === 'string') session.user.id = token.uid;
      if (typeof token.role === 'string') session.user.role = token.role as Role;
      return session;
    },
  },
};

export const { handlers, auth, signOut } = NextAuth(config);
