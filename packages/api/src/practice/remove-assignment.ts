import { teacherProcedure } from '../trpc';
import { loadManagedAssignment } from './access';
import { assignmentIdInput } from './practice.types';

/** Takes an assignment away; the attempts students made stay theirs (personal practice from then on). */
export const removeAssignmentRoute = teacherProcedure.input(assignmentIdInput).mutation(async ({ ctx, input }) => {
  const assignment = await loadManagedAssignment(ctx, ctx.user, input.assignmentId);
  await ctx.db.practiceAssignment.delete({ where: { id: assignment.id } });
  return { ok: true };
});
