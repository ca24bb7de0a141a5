import { buildPartnerPrompt, localize } from '@lumi/chat-core';
import { TRPCError } from '@trpc/server';
import { studentProcedure } from '../trpc';
import { attemptView } from './attempt-view';
import { exerciseModel } from './exercise-model';
import { startAttemptInput } from './practice.types';
import { openingMessage } from './roleplay';
import { readSpec, resolveExercise, rowTitle, specJson, type ExerciseSpec } from './specs';

/**
 * Starts a roleplay or a drill: from an assignment of one of the student's classes, or from the library for
 * personal practice or in a class. A roleplay gets a conversation whose first message is the opening line.
 */
export const startAttemptRoute = studentProcedure.input(startAttemptInput).mutation(async ({ ctx, input }) => {
  const { db } = ctx;
  let classId: string | null = input.classId ?? null;
  let assignmentId: string | null = null;
  let ref: string;
  let spec: ExerciseSpec;
  if (input.assignmentId) {
    const assignment = await db.practiceAssignment.findFirst({
      where: { id: input.assignmentId, class: { archivedAt: null, enrollments: { some: { studentId: ctx.user.id } } } },
    });
    if (!assignment) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such assignment.' });
    classId = assignment.classId;
    assignmentId = assignment.id;
    ref = assignment.exerciseRef;
    spec = readSpec(assignment.kind, assignment.spec);
  } else {
    // Students start only built-in exercises on their own; a teacher's reaches them through an assignment.
    if (input.source!.kind !== 'builtin') throw new TRPCError({ code: 'NOT_FOUND', message: 'No such exercise.' });
    const resolved = await resolveExercise(ctx, ctx.user, input.source!);
    ref = resolved.ref;
    spec = resolved.spec;
  }
  const klass = classId
    ? await db.class.findFirst({
        where: { id: classId, archivedAt: null, enrollments: { some: { studentId: ctx.user.id } } },
      })
    : null;
  if (classId && !klass) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such class.' });
  const me = await db.user.findUniqueOrThrow({ where: { id: ctx.user.id }, select: { language: true } });
  const ui = me.language === 'ZH' ? 'zh' : 'en';

  const attempt = await db.$transaction(async (tx) => {
    let conversationId: string | null = null;
    if (spec.kind === 'ROLEPLAY') {
      const model = (await exerciseModel(ctx, klass)).id;
      const conversation = await tx.conversation.create({
        data: {
          studentId: ctx.user.id,
          classId: klass?.id ?? null,
          mode: 'CUSTOM',
          persona: buildPartnerPrompt(spec.scenario),
          model,
          title: localize(spec.scenario.title, ui),
        },
      });
      await tx.message.create({ data: openingMessage(conversation.id, spec.scenario, model) });
      conversationId = conversation.id;
    }
    return tx.practiceAttempt.create({
      data: {
        studentId: ctx.user.id,
        classId: klass?.id ?? null,
        assignmentId,
        kind: spec.kind,
        exerciseRef: ref,
        spec: specJson(spec),
        title: rowTitle(spec),
        uiLanguage: me.language,
        feedbackEachTurn: input.feedback === 'each_turn',
        conversationId,
      },
      include: { class: true },
    });
  });
  return attemptView(ctx, attempt);
});
