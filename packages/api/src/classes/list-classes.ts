import { signedInProcedure } from '../trpc';

/** Students see the classes they are in; teachers the classes they teach (admins: all), with roster sizes. */
export const listClassesRoute = signedInProcedure.query(async ({ ctx }) => {
  const where =
    ctx.user.role === 'STUDENT'
      ? { enrollments: { some: { studentId: ctx.user.id } } }
      : ctx.user.role === 'TEACHER'
        ? { teacherId: ctx.user.id }
        : {};
  const classes = await ctx.db.class.findMany({
    where: { ...where, archivedAt: null },
    orderBy: { createdAt: 'asc' },
    include: { teacher: { select: { name: true } }, _count: { select: { enrollments: true } } },
  });
  const isStudent = ctx.user.role === 'STUDENT';
  return classes.map((c) => ({
    id: c.id,
    name: c.name,
    subject: c.subject,
    teacherName: c.teacher.name,
    studentCount: c._count.enrollments,
    dailyTokenBudget: c.dailyTokenBudget,
    defaultModel: c.defaultModel,
    allowedModels: c.allowedModels,
    // The join code is the teacher's to hand out.
    joinCode: isStudent ? null : c.joinCode,
  }));
});
