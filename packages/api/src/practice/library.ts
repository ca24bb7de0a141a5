import { BUILTIN_DRILL_SETS, BUILTIN_SCENARIOS } from '@lumi/chat-core';
import { signedInProcedure } from '../trpc';
import { readSpec } from './specs';

/** The built-in library for everyone; teachers also see the exercises they wrote. */
export const libraryRoute = signedInProcedure.query(async ({ ctx }) => {
  const own =
    ctx.user.role === 'STUDENT'
      ? []
      : await ctx.db.practiceExercise.findMany({
          where: { authorId: ctx.user.id, archivedAt: null },
          orderBy: { updatedAt: 'desc' },
        });
  return {
    scenarios: BUILTIN_SCENARIOS,
    drillSets: BUILTIN_DRILL_SETS,
    own: own.map((row) => ({
      id: row.id,
      kind: row.kind,
      updatedAt: row.updatedAt,
      spec: readSpec(row.kind, row.spec),
    })),
  };
});
