import { loadManagedClass } from '../classes/class-access';
import { teacherProcedure } from '../trpc';
import { classIdOnlyInput } from './practice.types';
import { readSpec, titleOf } from './specs';

/** A class's assignments, newest first, with how many students started and finished each. */
export const classAssignmentsRoute = teacherProcedure.input(classIdOnlyInput).query(async ({ ctx, input }) => {
  const klass = await loadManagedClass(ctx, ctx.user, input.classId);
  const [assignments, students] = await Promise.all([
    ctx.db.practiceAssignment.findMany({
      where: { classId: klass.id },
      orderBy: { createdAt: 'desc' },
      include: { attempts: { select: { studentId: true, status: true } } },
    }),
    ctx.db.enrollment.count({ where: { classId: klass.id } }),
  ]);
  return assignments.map((a) => ({
    id: a.id,
    kind: a.kind,
    title: titleOf(readSpec(a.kind, a.spec)),
    dueAt: a.dueAt,
    createdAt: a.createdAt,
    students,
    started: new Set(a.attempts.map((t) => t.studentId)).size,
    finished: new Set(a.attempts.filter((t) => t.status === 'FINISHED').map((t) => t.studentId)).size,
  }));
});
