import { Prisma, type PrismaClient } from '@lumi/db';
import { publicProcedure } from '../trpc';
import { AppError } from '../errors/app-error';
import { hitRateLimit, signUpRateLimit } from '../shared/rate-limit';
import { startJoinAttempt } from '../classes/join-attempt';
import { isWeakPassword } from './password-strength';
import { hashPassword } from './passwords';
import { signUpInput } from './sign-up.types';
import type { z } from 'zod';

export async function signUp(db: PrismaClient, input: z.output<typeof signUpInput>) {
  if (isWeakPassword(input.password, input)) {
    throw new AppError('WEAK_PASSWORD', 'That password is too easy to guess. Choose a longer or less common one.');
  }
  const passwordHash = await hashPassword(input.password);
  const klass =
    input.role === 'STUDENT'
      ? await db.class.findFirst({ where: { joinCode: input.joinCode, archivedAt: null } })
      : null;
  if (input.role === 'STUDENT' && !klass) {
    throw new AppError('JOIN_CODE_UNKNOWN', 'No open class has that join code. Check it with your teacher.');
  }
  try {
    return await db.user.create({
      data: {
        email: input.email,
        name: input.name,
        role: input.role,
        language: input.language,
        passwordHash,
        enrollments: klass ? { create: { classId: klass.id } } : undefined,
      },
      select: { id: true, email: true, name: true, role: true },
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new AppError('EMAIL_TAKEN', 'An account with this email already exists. Sign in instead.');
    }
    throw error;
  }
}

export const signUpRoute = publicProcedure.input(signUpInput).mutation(async ({ ctx, input }) => {
  const limit = await hitRateLimit(ctx.db, signUpRateLimit(ctx.signUpLimit), ctx.ip ?? 'unknown', ctx.now());
  if (!limit.allowed) {
    throw new AppError('RATE_LIMITED', 'Too many sign-ups from this network. Try again later.', limit.resetAt);
  }
  const attempt = input.role === 'STUDENT' ? await startJoinAttempt(ctx, null) : null;
  const user = await signUp(ctx.db, input);
  await attempt?.found();
  return user;
});
