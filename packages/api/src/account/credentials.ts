import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@lumi/db';
import { z } from 'zod';
import { inputProblem } from '../shared/input-guard';
import { hitRateLimit, peekRateLimit, RATE_LIMITS } from '../shared/rate-limit';
import { hashPassword, verifyPassword } from './passwords';
import { emailSchema } from './sign-up.types';

export const credentialsInput = z.object({ email: emailSchema, password: z.string().min(1).max(200) });

export type CredentialsResult =
  | { ok: true; user: { id: string; email: string; name: string; role: 'STUDENT' | 'TEACHER' | 'ADMIN' } }
  | { ok: false; reason: 'invalid' | 'locked'; resetAt?: Date };

// Unknown emails are checked against a throwaway hash, so they cost the same time as wrong passwords.
let decoyHash: Promise<string> | undefined;
const getDecoyHash = () => (decoyHash ??= hashPassword(randomUUID()));

/** Checks an email and password for Auth.js's Credentials provider; repeated failures lock the email for a while. */
export async function verifyCredentials(db: PrismaClient, raw: unknown, now: Date): Promise<CredentialsResult> {
  const parsed = credentialsInput.safeParse(raw);
  if (!parsed.success || inputProblem(parsed.data)) return { ok: false, reason: 'invalid' };
  const { email, password } = parsed.data;

  const lock = await peekRateLimit(db, RATE_LIMITS.signIn, email, now);
  if (!lock.allowed) return { ok: false, reason: 'locked', resetAt: lock.resetAt };

  const user = await db.user.findUnique({ where: { email } });
  const valid = await verifyPassword(user?.passwordHash ?? (await getDecoyHash()), password);
  if (!user || !valid || user.disabledAt) {
    await hitRateLimit(db, RATE_LIMITS.signIn, email, now);
    return { ok: false, reason: 'invalid' };
  }
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}
