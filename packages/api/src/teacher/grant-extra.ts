import { utcDay } from '../chat/budget';
import { budgetScope } from '../chat/class-policy';
import { loadManagedClass } from '../classes/class-access';
import { AppError } from '../errors/app-error';
import { teacherProcedure } from '../trpc';
import { grantExtraInput } from './grant-extra.types';

/**
 * A one-day extra allowance: the student may spend `tokens` more than the class's daily budget today (UTC), in this
 * class only. It sets today's extra (a second grant replaces the first, 0 takes it back) on the budget row the chat
 * turn reserves against, so the very next send on any node sees it, and tomorrow's row starts without it.
 */
export const grantExtraRoute = teacherProcedure.input(grantExtraInput).mutation(async ({ ctx, input }) => {
  const klass = await loadManagedClass(ctx, ctx.user, input.classId);
  const enrolled = await ctx.db.enrollment.findUnique({
    where: { classId_studentId: { classId: klass.id, studentId: input.studentId } },
  });
  if (!enrolled) throw new AppError('NOT_FOUND', 'That student is not in this class.');
  const day = utcDay(ctx.now());
  const row = await ctx.db.budgetDay.upsert({
    where: { userId_scope_day: { userId: input.studentId, scope: budgetScope(klass), day } },
    create: { userId: input.studentId, scope: budgetScope(klass), day, extraTokens: input.tokens },
    update: { extraTokens: input.tokens },
  });
  return { classId: klass.id, studentId: input.studentId, day, extraTokens: row.extraTokens };
});
