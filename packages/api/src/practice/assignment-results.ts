import { teacherProcedure } from '../trpc';
import { assignmentIdInput } from './practice.types';
import { assignmentResults, resultsCsv } from './results';

/** Results of one assignment for its class's teacher (or an admin). */
export const assignmentResultsRoute = teacherProcedure
  .input(assignmentIdInput)
  .query(({ ctx, input }) => assignmentResults(ctx, ctx.user, input.assignmentId));

/** The same results as CSV. */
export const assignmentResultsCsvRoute = teacherProcedure.input(assignmentIdInput).query(async ({ ctx, input }) => {
  const results = await assignmentResults(ctx, ctx.user, input.assignmentId);
  return { filename: `practice-results-${results.assignment.id}.csv`, csv: resultsCsv(results) };
});
