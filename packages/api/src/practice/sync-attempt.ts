import { signedInProcedure } from '../trpc';
import { loadAttempt } from './access';
import { attemptView } from './attempt-view';
import { attemptIdInput } from './practice.types';
import { syncRoleplay } from './roleplay';
import { readSpec } from './specs';

/**
 * After each reply (and when the page opens again): the cards of finished turns, the objectives, and the end when
 * the turn limit or every objective is reached. The reply itself never waits for this.
 */
export const syncAttemptRoute = signedInProcedure.input(attemptIdInput).mutation(async ({ ctx, input }) => {
  const attempt = await loadAttempt(ctx, ctx.user, input.attemptId, 'write');
  const spec = readSpec(attempt.kind, attempt.spec);
  if (spec.kind === 'ROLEPLAY') await syncRoleplay(ctx, attempt, spec.scenario);
  return attemptView(ctx, await loadAttempt(ctx, ctx.user, input.attemptId, 'write'));
});
