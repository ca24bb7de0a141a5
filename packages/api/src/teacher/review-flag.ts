import { TRPCError } from '@trpc/server';
import { teacherProcedure } from '../trpc';
import { reviewFlagInput } from './list-flags.types';

/** Marks a flag reviewed, keeping who and when, or re-opens it. Only the class's teacher or an admin can. */
export const reviewFlagRoute = teacherProcedure.input(reviewFlagInput).mutation(async ({ ctx, input }) => {
  const flag = await ctx.db.moderationFlag.findUnique({
    where: { id: input.flagId },
    select: { id: true, class: { select: { teacherId: true } } },
  });
  if (!flag?.class || (flag.class.teacherId !== ctx.user.id && ctx.user.role !== 'ADMIN')) {
    throw new TRPCError({ code: 'NOT_FOUND', message: 'No such flag.' });
  }
  const updated = await ctx.db.moderationFlag.update({
    where: { id: flag.id },
    data: input.reviewed
      ? { reviewedAt: ctx.now(), reviewedById: ctx.user.id }
      : { reviewedAt: null, reviewedById: null },
    select: { id: true, reviewedAt: true, reviewedBy: { select: { name: true } } },
  });
  return { id: updated.id, reviewedAt: updated.reviewedAt, reviewedBy: updated.reviewedBy?.name ?? null };
});
