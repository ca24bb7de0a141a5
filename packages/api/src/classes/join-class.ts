import { studentProcedure } from '../trpc';
import { AppError } from '../errors/app-error';
import { joinClassInput } from './class-settings.types';
import { startJoinAttempt } from './join-attempt';

export const joinClassRoute = studentProcedure.input(joinClassInput).mutation(async ({ ctx, input }) => {
  const attempt = await startJoinAttempt(ctx, ctx.user.id);
  const klass = await ctx.db.class.findFirst({ where: { joinCode: input.joinCode, archivedAt: null } });
  if (!klass) throw new AppError('JOIN_CODE_UNKNOWN', 'No open class has that join code. Check it with your teacher.');
  await attempt.found();
  // Joining twice is harmless: the unique (class, student) pair makes it a no-op.
  await ctx.db.enrollment.upsert({
    where: { classId_studentId: { classId: klass.id, studentId: ctx.user.id } },
    create: { classId: klass.id, studentId: ctx.user.id },
    update: {},
  });
  return { id: klass.id, name: klass.name };
});
