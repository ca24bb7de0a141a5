import { studentProcedure } from '../trpc';

/** The student's own practice, newest first, with scores once finished and the teacher's grade when given. */
export const myAttemptsRoute = studentProcedure.query(({ ctx }) =>
  ctx.db.practiceAttempt.findMany({
    where: { studentId: ctx.user.id },
    orderBy: { startedAt: 'desc' },
    take: 50,
    select: {
      id: true,
      kind: true,
      title: true,
      status: true,
      assignmentId: true,
      startedAt: true,
      finishedAt: true,
      taskCompletion: true,
      accuracy: true,
      estimatedLevel: true,
      teacherScore: true,
    },
  }),
);
