import type { Context } from '../context';
import { AppError } from '../errors/app-error';

/** A student account by id; teachers' and admins' accounts are not handled by the student-data tools. */
export async function loadStudent(ctx: Pick<Context, 'db'>, studentId: string) {
  const student = await ctx.db.user.findUnique({ where: { id: studentId } });
  if (!student || student.role !== 'STUDENT') throw new AppError('NOT_FOUND', 'No such student.');
  return student;
}
