import { loadManagedClass } from '../classes/class-access';
import { teacherProcedure } from '../trpc';
import { generateInsight } from './class-insight';
import { insightInput } from './insight.types';

/** Writes the week's insight on demand (through the class's cheapest suitable model), or returns the one kept. */
export const generateInsightRoute = teacherProcedure.input(insightInput).mutation(async ({ ctx, input }) => {
  const klass = await loadManagedClass(ctx, ctx.user, input.classId);
  return generateInsight(ctx, ctx.user, klass, input.weekStart, input.language);
});
