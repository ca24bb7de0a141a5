import { loadManagedClass } from '../classes/class-access';
import { teacherProcedure } from '../trpc';
import { archiveClassInput } from './class-settings.types';

/**
 * Archives a class (students keep reading their sessions but cannot start new ones, and the join code stops
 * working) or brings it back.
 */
export const archiveClassRoute = teacherProcedure.input(archiveClassInput).mutation(async ({ ctx, input }) => {
  const klass = await loadManagedClass(ctx, ctx.user, input.classId);
  const updated = await ctx.db.class.update({
    where: { id: klass.id },
    data: { archivedAt: input.archived ? (klass.archivedAt ?? ctx.now()) : null },
    select: { id: true, archivedAt: true },
  });
  return { id: updated.id, archived: updated.archivedAt !== null };
});
