import { loadManagedClass } from '../classes/class-access';
import { teacherProcedure } from '../trpc';
import { createAssignmentInput } from './practice.types';
import { resolveExercise, rowTitle, specJson } from './specs';

/** Sets a built-in or the teacher's own exercise for a class, with an optional due date. */
export const createAssignmentRoute = teacherProcedure.input(createAssignmentInput).mutation(async ({ ctx, input }) => {
  const klass = await loadManagedClass(ctx, ctx.user, input.classId);
  const exercise = await resolveExercise(ctx, ctx.user, input.source);
  return ctx.db.practiceAssignment.create({
    data: {
      classId: klass.id,
      createdById: ctx.user.id,
      kind: exercise.kind,
      exerciseRef: exercise.ref,
      exerciseId: exercise.exerciseId,
      spec: specJson(exercise.spec),
      title: rowTitle(exercise.spec),
      dueAt: input.dueAt ?? null,
    },
  });
});
