import { isWeakPassword } from '../account/password-strength';
import { hashPassword } from '../account/passwords';
import { AppError } from '../errors/app-error';
import { hitRateLimit, RATE_LIMITS } from '../shared/rate-limit';
import { publicProcedure } from '../trpc';
import { redeemResetInput } from './password-reset.types';
import { hashResetCode } from './reset-code';

/** Sets a new password with a reset code: the code is claimed in one statement, so it works exactly once. */
export const redeemResetRoute = publicProcedure.input(redeemResetInput).mutation(async ({ ctx, input }) => {
  const limit = await hitRateLimit(ctx.db, RATE_LIMITS.passwordReset, ctx.ip ?? 'unknown', ctx.now());
  if (!limit.allowed) throw new AppError('RATE_LIMITED', 'Too many tries. Try again later.', limit.resetAt);
  // The account is known only once the code is claimed: common passwords are refused before, without using it up.
  if (isWeakPassword(input.password, { email: '', name: '' })) {
    throw new AppError('WEAK_PASSWORD', 'That password is too easy to guess. Choose a longer or less common one.');
  }
  // Hashed before the claim, so a claimed code is never left without its new password.
  const passwordHash = await hashPassword(input.password);
  const now = ctx.now();
  const changed = await ctx.db.$transaction(async (tx) => {
    const claimed = await tx.passwordReset.updateManyAndReturn({
      where: { codeHash: hashResetCode(input.code), usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
      select: { userId: true },
    });
    if (claimed.length === 0) return null;
    // Whoever held the old password is signed out everywhere (account/session.ts).
    return tx.user.update({
      where: { id: claimed[0]!.userId },
      data: { passwordHash, sessionVersion: { increment: 1 } },
      select: { email: true },
    });
  });
  if (!changed) throw new AppError('RESET_CODE_INVALID', 'That code is wrong, used or expired. Ask for a new one.');
  return { email: changed.email };
});
