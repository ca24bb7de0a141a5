import { teacherProcedure } from '../trpc';
import { loadManagedClass } from './class-access';
import { classIdInput } from './class-settings.types';

export const getClassRoute = teacherProcedure.input(classIdInput).query(async ({ ctx, input }) => {
  const klass = await loadManagedClass(ctx, ctx.user, input.classId);
  const students = await ctx.db.enrollment.findMany({
    where: { classId: klass.id },
    orderBy: { createdAt: 'asc' },
    select: { student: { select: { id: true, name: true, email: true } }, createdAt: true },
  });
  return { ...klass, students: students.map((e) => ({ ...e.student, joinedAt: e.createdAt })) };
});
