import { studentProcedure } from '../trpc';
import { readSpec, titleOf } from './specs';

/** The student's assignments in the classes they belong to, each with where they stand. */
export const myAssignmentsRoute = studentProcedure.query(async ({ ctx }) => {
  const assignments = await ctx.db.practiceAssignment.findMany({
    where: { class: { archivedAt: null, enrollments: { some: { studentId: ctx.user.id } } } },
    orderBy: [{ dueAt: { sort: 'asc', nulls: 'last' } }, { createdAt: 'desc' }],
    include: {
      class: { select: { name: true } },
      attempts: {
        where: { studentId: ctx.user.id },
        orderBy: { startedAt: 'desc' },
        select: { id: true, status: true },
      },
    },
  });
  const now = ctx.now();
  return assignments.map((a) => {
    const finished = a.attempts.find((t) => t.status === 'FINISHED');
    const open = a.attempts.find((t) => t.status === 'IN_PROGRESS');
    const status: 'FINISHED' | 'IN_PROGRESS' | 'OVERDUE' | 'NOT_STARTED' = finished
      ? 'FINISHED'
      : open
        ? 'IN_PROGRESS'
        : a.dueAt && a.dueAt < now
          ? 'OVERDUE'
          : 'NOT_STARTED';
    return {
      id: a.id,
      kind: a.kind,
      title: titleOf(readSpec(a.kind, a.spec)),
      className: a.class.name,
      dueAt: a.dueAt,
      status,
      attemptId: (open ?? finished)?.id ?? null,
    };
  });
});
