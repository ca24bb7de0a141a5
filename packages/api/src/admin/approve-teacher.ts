import { AppError } from '../errors/app-error';
import { adminProcedure } from '../trpc';
import { teacherIdInput } from './teachers.types';

/** Approves a teacher account: from now on it creates classes, and its classes spend (admins only). */
export const approveTeacherRoute = adminProcedure.input(teacherIdInput).mutation(async ({ ctx, input }) => {
  const { count } = await ctx.db.user.updateMany({
    where: { id: input.teacherId, role: 'TEACHER' },
    data: { pendingApproval: false },
  });
  if (count === 0) throw new AppError('NOT_FOUND', 'No such teacher.');
  return { approved: true };
});
