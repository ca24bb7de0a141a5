import { TRPCError } from '@trpc/server';
import { teacherProcedure } from '../trpc';
import { exerciseIdInput } from './practice.types';

/** Hides a teacher's exercise from the library; assignments keep their own copy, so nothing running changes. */
export const archiveExerciseRoute = teacherProcedure.input(exerciseIdInput).mutation(async ({ ctx, input }) => {
  const archived = await ctx.db.practiceExercise.updateMany({
    where: { id: input.exerciseId, archivedAt: null, ...(ctx.user.role === 'ADMIN' ? {} : { authorId: ctx.user.id }) },
    data: { archivedAt: ctx.now() },
  });
  if (archived.count === 0) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such exercise.' });
  return { ok: true };
});
