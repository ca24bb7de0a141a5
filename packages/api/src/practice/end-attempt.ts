import { signedInProcedure } from '../trpc';
import { loadAttempt } from './access';
import { attemptView } from './attempt-view';
import { attemptIdInput } from './practice.types';
import { finishRoleplay } from './roleplay';
import { readSpec } from './specs';

/** The learner ends a roleplay before its limit; the report is written from the turns so far. */
export const endAttemptRoute = signedInProcedure.input(attemptIdInput).mutation(async ({ ctx, input }) => {
  const attempt = await loadAttempt(ctx, ctx.user, input.attemptId, 'write');
  const spec = readSpec(attempt.kind, attempt.spec);
  if (spec.kind === 'ROLEPLAY') await finishRoleplay(ctx, attempt, spec.scenario, 'LEARNER_ENDED');
  return attemptView(ctx, await loadAttempt(ctx, ctx.user, input.attemptId, 'write'));
});
