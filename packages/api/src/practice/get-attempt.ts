import { signedInProcedure } from '../trpc';
import { loadAttempt } from './access';
import { attemptView } from './attempt-view';
import { attemptIdInput } from './practice.types';

/** An attempt with its transcript, cards and report: the student's own, or one a teacher oversees. */
export const getAttemptRoute = signedInProcedure.input(attemptIdInput).query(async ({ ctx, input }) => {
  const attempt = await loadAttempt(ctx, ctx.user, input.attemptId, 'read');
  return attemptView(ctx, attempt);
});
