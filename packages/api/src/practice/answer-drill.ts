import { TRPCError } from '@trpc/server';
import { signedInProcedure } from '../trpc';
import { loadAttempt } from './access';
import { attemptView } from './attempt-view';
import { answerDrill } from './drill';
import { answerDrillInput } from './practice.types';
import { readSpec } from './specs';

/** One translation of a drill, graded (see drill.ts); returns the attempt with the grade and, at the end, the summary. */
export const answerDrillRoute = signedInProcedure.input(answerDrillInput).mutation(async ({ ctx, input }) => {
  const attempt = await loadAttempt(ctx, ctx.user, input.attemptId, 'write');
  const spec = readSpec(attempt.kind, attempt.spec);
  if (spec.kind !== 'DRILL') throw new TRPCError({ code: 'BAD_REQUEST', message: 'This attempt is not a drill.' });
  await answerDrill(ctx, attempt, spec.drill, input.itemIndex, input.answer);
  return attemptView(ctx, await loadAttempt(ctx, ctx.user, input.attemptId, 'write'));
});
