import { TRPCError } from '@trpc/server';
import { loadManagedClass } from '../classes/class-access';
import { teacherProcedure } from '../trpc';
import { removeStudentInput } from './remove-student.types';

/**
 * Takes a student off the class roster. Their sessions, messages, usage and flags stay with the class, so the
 * teacher can still read what happened and the totals do not change.
 */
export const removeStudentRoute = teacherProcedure.input(removeStudentInput).mutation(async ({ ctx, input }) => {
  const klass = await loadManagedClass(ctx, ctx.user, input.classId);
  const { count } = await ctx.db.enrollment.deleteMany({ where: { classId: klass.id, studentId: input.studentId } });
  if (count === 0) throw new TRPCError({ code: 'NOT_FOUND', message: 'That student is not in this class.' });
  return { classId: klass.id, studentId: input.studentId };
});
