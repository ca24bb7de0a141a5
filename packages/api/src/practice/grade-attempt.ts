import { teacherProcedure } from '../trpc';
import { loadAttempt } from './access';
import { attemptView } from './attempt-view';
import { gradeAttemptInput } from './practice.types';

/**
 * A teacher's grade over an attempt's measured scores (the field's advice: AI grading of translations and roleplays
 * is an aid, the teacher decides), with an optional note the student reads. The class's teacher or an admin only;
 * every change is logged with who and when, and the attempt keeps the latest.
 */
export const gradeAttemptRoute = teacherProcedure.input(gradeAttemptInput).mutation(async ({ ctx, input }) => {
  // 'read' access: the class's teacher or an admin (students never reach a teacher procedure).
  const attempt = await loadAttempt(ctx, ctx.user, input.attemptId, 'read');
  const note = input.score === null ? null : input.note || null;
  const now = ctx.now();
  await ctx.db.$transaction([
    ctx.db.practiceAttempt.update({
      where: { id: attempt.id },
      data: { teacherScore: input.score, teacherNote: note, teacherGradedById: ctx.user.id, teacherGradedAt: now },
    }),
    ctx.db.practiceGradeChange.create({
      data: {
        attemptId: attempt.id,
        actorId: ctx.user.id,
        actorRole: ctx.user.role,
        score: input.score,
        note,
        createdAt: now,
      },
    }),
  ]);
  return attemptView(ctx, await loadAttempt(ctx, ctx.user, input.attemptId, 'read'));
});
