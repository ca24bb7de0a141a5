import { loadManagedClass } from '../classes/class-access';
import { teacherProcedure } from '../trpc';
import { insightView } from './class-insight';
import { insightInput } from './insight.types';

/** The insight already written for this class, week and language, or null: opening it again costs nothing. */
export const getInsightRoute = teacherProcedure.input(insightInput).query(async ({ ctx, input }) => {
  const klass = await loadManagedClass(ctx, ctx.user, input.classId);
  const row = await ctx.db.classInsight.findUnique({
    where: {
      classId_weekStart_language: {
        classId: klass.id,
        weekStart: new Date(`${input.weekStart}T00:00:00Z`),
        language: input.language === 'zh' ? 'ZH' : 'EN',
      },
    },
  });
  // A PENDING row is another request's claim, still being written.
  return row?.status === 'READY' ? insightView(row) : null;
});
