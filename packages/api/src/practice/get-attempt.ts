import { recordOverseerRead } from '../teacher/access-log';
import { signedInProcedure } from '../trpc';
import { loadAttempt } from './access';
import { attemptView } from './attempt-view';
import { attemptIdInput } from './practice.types';

/** An attempt with its transcript, cards and report: the student's own, or one a teacher oversees. */
export const getAttemptRoute = signedInProcedure.input(attemptIdInput).query(async ({ ctx, input }) => {
  const attempt = await loadAttempt(ctx, ctx.user, input.attemptId, 'read');
  await recordOverseerRead(ctx, ctx.user, attempt, 'TRANSCRIPT_VIEW', {
    kind: 'practice',
    title: attempt.title,
  });
  return attemptView(ctx, attempt);
});
