import { AppError } from '../errors/app-error';
import { adminProcedure } from '../trpc';
import { rebuildSpendLedger } from './rebuild-spend-ledger';
import { setTeacherCapsInput, toMicros } from './teachers.types';

/** Gives one teacher caps of their own in place of the school's teacher caps; null keeps the school's (admins only). */
export const setTeacherCapsRoute = adminProcedure.input(setTeacherCapsInput).mutation(async ({ ctx, input }) => {
  const teacher = await ctx.db.user.findFirst({
    where: { id: input.teacherId, role: 'TEACHER' },
    select: { id: true },
  });
  if (!teacher) throw new AppError('NOT_FOUND', 'No such teacher.');
  const caps = { dayMicros: toMicros(input.dayUsd), monthMicros: toMicros(input.monthUsd) };
  await ctx.db.$transaction(async (tx) => {
    if (caps.dayMicros === null && caps.monthMicros === null) {
      await tx.teacherSpendCap.deleteMany({ where: { teacherId: teacher.id } });
    } else {
      await tx.teacherSpendCap.upsert({
        where: { teacherId: teacher.id },
        create: { teacherId: teacher.id, ...caps },
        update: caps,
      });
    }
    await rebuildSpendLedger(tx, ctx);
  });
  return input;
});
