import type { Context, SessionUser } from '../context';
import { AppError } from '../errors/app-error';
import { teacherProcedure } from '../trpc';
import { issueResetInput } from './password-reset.types';
import { newResetCode, RESET_CODE_TTL_MS } from './reset-code';

/**
 * A one-time reset code for someone who forgot their password: a teacher may issue one for a student of a class
 * they teach, an admin for any teacher or student. Issuing a new code voids the person's earlier unused ones. The
 * code is returned once and stored only as a hash.
 */
export const issueResetRoute = teacherProcedure.input(issueResetInput).mutation(async ({ ctx, input }) => {
  const target = await loadResettable(ctx, ctx.user, input.userId);
  const { code, codeHash } = newResetCode();
  const now = ctx.now();
  const expiresAt = new Date(now.getTime() + RESET_CODE_TTL_MS);
  await ctx.db.$transaction([
    ctx.db.passwordReset.updateMany({ where: { userId: target.id, usedAt: null }, data: { usedAt: now } }),
    ctx.db.passwordReset.create({ data: { userId: target.id, codeHash, issuedById: ctx.user.id, expiresAt } }),
  ]);
  return { code, expiresAt, name: target.name, email: target.email };
});

/** Others learn nothing, not even whether the person exists. */
async function loadResettable(ctx: Pick<Context, 'db'>, caller: SessionUser, userId: string) {
  const target = await ctx.db.user.findUnique({
    where: { id: userId },
    include: { enrollments: { where: { class: { teacherId: caller.id } }, select: { id: true } } },
  });
  const allowed =
    target !== null &&
    target.id !== caller.id &&
    (caller.role === 'ADMIN' ? target.role !== 'ADMIN' : target.role === 'STUDENT' && target.enrollments.length > 0);
  if (!allowed) throw new AppError('NOT_FOUND', 'No such student.');
  return target;
}
