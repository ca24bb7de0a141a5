import { recordAccess } from '../teacher/access-log';
import { slug } from '../teacher/csv';
import { adminProcedure } from '../trpc';
import { loadStudent } from './load-student';
import { studentIdInput } from './student-data.types';
import { transcriptMessageFields } from '../conversations/transcript-fields';

/**
 * Everything Lumi holds about one student as one JSON file, for a request under data-protection law: the account
 * (never the password hash), OAuth links, enrolments, every session with every message (edited and emptied ones
 * too), usage, budgets, flags, practice attempts with their feedback, answers and every grade change (with the teacher's note), and who read or exported their
 * data. Written to the access log.
 */
export const exportStudentRoute = adminProcedure.input(studentIdInput).query(async ({ ctx, input }) => {
  const student = await loadStudent(ctx, input.studentId);
  const where = { studentId: student.id };
  const [accounts, enrolments, conversations, usage, budgetDays, flags, attempts, accessLog] = await Promise.all([
    ctx.db.account.findMany({
      where: { userId: student.id },
      select: { provider: true, providerAccountId: true, createdAt: true },
    }),
    ctx.db.enrollment.findMany({
      where,
      orderBy: { createdAt: 'asc' },
      select: { createdAt: true, class: { select: { id: true, name: true, subject: true } } },
    }),
    ctx.db.conversation.findMany({
      where,
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      include: {
        class: { select: { name: true } },
        messages: {
          orderBy: { seq: 'asc' },
          select: transcriptMessageFields,
        },
      },
    }),
    ctx.db.usageEvent.findMany({
      where: { userId: student.id },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      omit: { userId: true },
    }),
    ctx.db.budgetDay.findMany({ where: { userId: student.id }, orderBy: { day: 'asc' }, omit: { userId: true } }),
    ctx.db.moderationFlag.findMany({ where, orderBy: { createdAt: 'asc' }, omit: { studentId: true } }),
    ctx.db.practiceAttempt.findMany({
      where,
      orderBy: { startedAt: 'asc' },
      omit: { studentId: true },
      include: {
        feedback: { orderBy: { turnIndex: 'asc' } },
        answers: { orderBy: { itemIndex: 'asc' } },
        gradeChanges: { orderBy: { createdAt: 'asc' }, omit: { attemptId: true } },
      },
    }),
    ctx.db.accessLog.findMany({ where: { studentId: student.id }, orderBy: { createdAt: 'asc' } }),
  ]);
  const body = {
    exportedAt: ctx.now(),
    account: {
      id: student.id,
      email: student.email,
      name: student.name,
      role: student.role,
      language: student.language,
      signsInWithPassword: student.passwordHash !== null,
      disabledAt: student.disabledAt,
      createdAt: student.createdAt,
      updatedAt: student.updatedAt,
      oauth: accounts,
    },
    enrolments,
    conversations,
    usage,
    budgetDays,
    flags,
    practiceAttempts: attempts,
    accessLog,
  };
  await recordAccess(ctx, ctx.user, {
    action: 'STUDENT_EXPORT',
    studentId: student.id,
    detail: { kind: 'exported', sessions: conversations.length, usage: usage.length },
  });
  return {
    filename: `${slug(student.name)}-data-${ctx.now().toISOString().slice(0, 10)}.json`,
    mimeType: 'application/json',
    content: JSON.stringify(body, null, 2),
  };
});
