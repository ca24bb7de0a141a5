import { Prisma, type PrismaClient } from '@lumi/db';
import { publicProcedure } from '../trpc';
import { AppError } from '../errors/app-error';
import { hitRateLimit, signUpRateLimit } from '../shared/rate-limit';
import { startJoinAttempt } from '../classes/join-attempt';
import { isWeakPassword } from './password-strength';
import { hashPassword } from './passwords';
import { signUpInput } from './sign-up.types';
import type { z } from 'zod';

/**
 * What sign-up answers, the same whether or not the email already had an account: nobody learns from sign-up which
 * emails have accounts. A new account is made; an existing one is left exactly as it was (no enrolment, no new
 * password) and its owner is told nothing, since Lumi sends no email. The browser then signs in with what was typed,
 * which works exactly when the account is new (see README, "Sign-up").
 */
export const SIGN_UP_RECEIVED = { received: true } as const;

export async function signUp(db: PrismaClient, input: z.output<typeof signUpInput>): Promise<typeof SIGN_UP_RECEIVED> {
  if (isWeakPassword(input.password, input)) {
    throw new AppError('WEAK_PASSWORD', 'That password is too easy to guess. Choose a longer or less common one.');
  }
  // Hashed before anything is looked up, so a taken email answers after the same work as a new one.
  const passwordHash = await hashPassword(input.password);
  const klass =
    input.role === 'STUDENT'
      ? await db.class.findFirst({ where: { joinCode: input.joinCode, archivedAt: null } })
      : null;
  if (input.role === 'STUDENT' && !klass) {
    throw new AppError('JOIN_CODE_UNKNOWN', 'No open class has that join code. Check it with your teacher.');
  }
  try {
    await db.user.create({
      data: {
        email: input.email,
        name: input.name,
        role: input.role,
        language: input.language,
        passwordHash,
        // Anyone can sign up as a teacher: an admin approves the account before it creates classes (README).
        pendingApproval: input.role === 'TEACHER',
        enrollments: klass ? { create: { classId: klass.id } } : undefined,
      },
      select: { id: true },
    });
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
  }
  return SIGN_UP_RECEIVED;
}

export const signUpRoute = publicProcedure.input(signUpInput).mutation(async ({ ctx, input }) => {
  const limit = await hitRateLimit(ctx.db, signUpRateLimit(ctx.signUpLimit), ctx.ip ?? 'unknown', ctx.now());
  if (!limit.allowed) {
    throw new AppError('RATE_LIMITED', 'Too many sign-ups from this network. Try again later.', limit.resetAt);
  }
  const attempt = input.role === 'STUDENT' ? await startJoinAttempt(ctx, null) : null;
  const received = await signUp(ctx.db, input);
  await attempt?.found();
  return received;
});
