import { studentProcedure } from '../trpc';
import { AppError } from '../errors/app-error';
import { joinClassInput } from './class-settings.types';

export const joinClassRoute = studentProcedure.input(joinClassInput).mutation(async ({ ctx, input }) => {
  const klass = await ctx.db.class.findFirst({ where: { joinCode: input.joinCode, archivedAt: null } });
  if (!klass) throw new AppError('JOIN_CODE_UNKNOWN', 'No open class has that join code. Check it with your teacher.');
  // Joining twice is harmless: the unique (class, student) pair makes it a no-op.
  await ctx.db.enrollment.upsert({
    where: { classId_studentId: { classId: klass.id, studentId: ctx.user.id } },
    create: { classId: klass.id, studentId: ctx.user.id },
    update: {},
  });
  return { id: klass.id, name: klass.name };
});
