import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { currentSessionUser, endSessions, verifyCredentials } from '@lumi/api';
import type { Role } from '@lumi/db';
import { emailVerified, findOrCreateOAuthUser, oauthProviders } from './server/oauth';
import { getServices } from './server/services';

declare module 'next-auth' {
  interface User {
    role?: Role;
    sessionVersion?: number;
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

const config: NextAuthConfig = {
  trustHost: true,
  secret: process.env.AUTH_SECRET,
  session: { strategy: 'jwt' },
  // A failed OAuth sign-in comes back to the sign-in page, which says why (?error=...).
  pages: { signIn: '/sign-in', error: '/sign-in' },
  logger: {
    // A wrong password is an ordinary event the form already explains, not a server error.
    error(error) {
      if (!(error instanceof CredentialsSignin)) console.error('[auth]', error);
    },
  },
  events: {
    // Signing out ends the session everywhere, not only in this browser: a copied cookie stops working too.
    async signOut(message) {
      const uid = 'token' in message ? message.token?.uid : undefined;
      if (typeof uid === 'string') await endSessions(getServices().db, uid);
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
    async signIn({ user, account, profile }) {
      if (!account || account.provider === 'credentials') return true;
      // The sign-in page says why from ?error= (OAUTH_ERRORS there).
      if (!user.email || !(await emailVerified(account, profile, user.email))) return '/sign-in?error=EmailUnverified';
      const found = await findOrCreateOAuthUser(user.email, user.name);
      return found.disabledAt ? '/sign-in?error=AccountDisabled' : true;
    },
    async jwt({ token, user, account }) {
      if (user && account?.provider === 'credentials') {
        token.uid = user.id;
        token.role = user.role;
        token.sv = user.sessionVersion;
        return token;
      }
      if (user?.email && account) {
        const found = await findOrCreateOAuthUser(user.email, user.name);
        token.uid = found.id;
        token.role = found.role;
        token.name = found.name;
        token.sv = found.sessionVersion;
        return token;
      }
      // Every later request: the session counts only while the account does (not signed out, disabled or gone),
      // and carries the role the account has now. Null makes Auth.js drop the cookie.
      if (typeof token.uid !== 'string' || typeof token.sv !== 'number') return null;
      const current = await currentSessionUser(getServices().db, { id: token.uid, version: token.sv });
      if (!current) return null;
      token.role = current.role;
      token.name = current.name;
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
