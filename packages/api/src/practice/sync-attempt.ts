import { signedInProcedure } from '../trpc';
import { loadAttempt } from './access';
import { attemptView } from './attempt-view';
import { attemptIdInput } from './practice.types';
import { syncRoleplay } from './roleplay';
import { readSpec } from './specs';

/** A finished turn still without a card this long after its reply was left behind by the server's step. */
export const LEFT_BEHIND_MS = 30_000;

/**
 * When the page opens again: the attempt as it stands, after picking up what the server's after-reply step left
 * behind (a node that died between a reply and its card). Fresh turns are the step's alone.
 */
export const syncAttemptRoute = signedInProcedure.input(attemptIdInput).mutation(async ({ ctx, input }) => {
  const attempt = await loadAttempt(ctx, ctx.user, input.attemptId, 'write');
  const spec = readSpec(attempt.kind, attempt.spec);
  if (spec.kind === 'ROLEPLAY') {
    await syncRoleplay(ctx, attempt, spec.scenario, { leftBefore: new Date(ctx.now().getTime() - LEFT_BEHIND_MS) });
  }
  return attemptView(ctx, await loadAttempt(ctx, ctx.user, input.attemptId, 'write'));
});
