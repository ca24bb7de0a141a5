import { recordAccess } from '../teacher/access-log';
import { adminProcedure } from '../trpc';
import { loadStudent } from './load-student';
import { studentIdInput } from './student-data.types';

/**
 * Deletes a student and everything personal about them, on request: the account, OAuth links, enrolments,
 * sessions and messages, flags, budgets and practice attempts go (the database cascades from the user). Usage
 * rows stay without the person (their user is set to null), so a class's and the school's token and cost totals
 * do not change. The access log keeps the student's id, never their name, and records the deletion.
 */
export const deleteStudentRoute = adminProcedure.input(studentIdInput).mutation(async ({ ctx, input }) => {
  const student = await loadStudent(ctx, input.studentId);
  const counts = await ctx.db.$transaction(async (tx) => {
    const [conversations, messages, usage] = await Promise.all([
      tx.conversation.count({ where: { studentId: student.id } }),
      tx.message.count({ where: { conversation: { studentId: student.id } } }),
      tx.usageEvent.count({ where: { userId: student.id } }),
    ]);
    await tx.user.delete({ where: { id: student.id } });
    await recordAccess({ db: tx }, ctx.user, {
      action: 'STUDENT_DELETE',
      studentId: student.id,
      detail: { kind: 'deleted', sessions: conversations, messages, usage },
    });
    return { conversations, messages, usage };
  });
  return { studentId: student.id, ...counts };
});
