import type { PrismaClient } from '@lumi/db';
import type { SessionUser } from '../context';

/** What a session token says about its user: who, and the user's sessionVersion when it was issued. */
export interface SessionClaims {
  id: string;
  version: number;
}

/**
 * The user a session token stands for, as the database has them now, or null when the session no longer counts:
 * the account is gone or disabled, or its sessions were ended (sign-out moves sessionVersion on). The role is the
 * row's, so a changed role applies from the next request. One primary-key read, on every request and every node:
 * no cache can keep a revoked session alive.
 */
export async function currentSessionUser(db: PrismaClient, claims: SessionClaims): Promise<SessionUser | null> {
  const user = await db.user.findUnique({
    where: { id: claims.id },
    select: { id: true, role: true, name: true, disabledAt: true, sessionVersion: true },
  });
  if (!user || user.disabledAt || user.sessionVersion !== claims.version) return null;
  return { id: user.id, role: user.role, name: user.name };
}

/** Ends every session the user holds, on every device and node (their tokens carry the old version). */
export async function endSessions(db: PrismaClient, userId: string): Promise<void> {
  await db.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}
