import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@lumi/db';
import { z } from 'zod';
import { inputProblem } from '../shared/input-guard';
import { lockWhenFull, RATE_LIMITS, releaseHit, reserveHit } from '../shared/rate-limit';
import { hashPassword, verifyPassword } from './passwords';
import { emailSchema } from './sign-up.types';

export const credentialsInput = z.object({ email: emailSchema, password: z.string().min(1).max(200) });

export type CredentialsResult =
  | {
      ok: true;
      user: { id: string; email: string; name: string; role: 'STUDENT' | 'TEACHER' | 'ADMIN'; sessionVersion: number };
    }
  | { ok: false; reason: 'invalid' | 'locked'; resetAt?: Date };

// Unknown emails are checked against a throwaway hash, so they cost the same time as wrong passwords.
let decoyHash: Promise<string> | undefined;
const getDecoyHash = () => (decoyHash ??= hashPassword(randomUUID()));

/**
 * Checks an email and password for Auth.js's Credentials provider. At most five wrong passwords per email are ever
 * checked in 15 minutes, however many attempts arrive at once on however many nodes: each attempt reserves its
 * place in the email's sliding window (one statement) before the password is verified, a right password gives
 * its place back, and the fifth failure locks the email for 15 minutes from then.
 */
export async function verifyCredentials(db: PrismaClient, raw: unknown, now: Date): Promise<CredentialsResult> {
  const parsed = credentialsInput.safeParse(raw);
  if (!parsed.success || inputProblem(parsed.data)) return { ok: false, reason: 'invalid' };
  const { email, password } = parsed.data;

  const attempt = await reserveHit(db, RATE_LIMITS.signIn, email, now);
  if (!attempt.allowed) return { ok: false, reason: 'locked', resetAt: attempt.at };

  const user = await db.user.findUnique({ where: { email } });
  const valid = await verifyPassword(user?.passwordHash ?? (await getDecoyHash()), password);
  if (!user || !valid || user.disabledAt) {
    await lockWhenFull(db, RATE_LIMITS.signIn, email, now);
    return { ok: false, reason: 'invalid' };
  }
  await releaseHit(db, RATE_LIMITS.signIn, email, attempt.at);
  const { id, name, role, sessionVersion } = user;
  return { ok: true, user: { id, email: user.email, name, role, sessionVersion } };
}
