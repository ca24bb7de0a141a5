import { drillSetSchema, scenarioSchema } from '@lumi/chat-core';
import { TRPCError } from '@trpc/server';
import type { z } from 'zod';
import { AppError } from '../errors/app-error';
import { teacherProcedure } from '../trpc';
import { saveExerciseInput } from './practice.types';
import { rowTitle, specJson, type ExerciseSpec } from './specs';

/** "objectives.0.min: Asks for 3 words but lists only 1." — the first problem, naming its field. */
function refusal(error: z.ZodError): AppError {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || 'spec';
  return new AppError('INVALID_EXERCISE', `${field}: ${issue?.message ?? 'This exercise cannot run.'}`);
}

/** A teacher's own scenario or drill set, created or edited; one that cannot run is refused with the field named. */
export const saveExerciseRoute = teacherProcedure.input(saveExerciseInput).mutation(async ({ ctx, input }) => {
  let spec: ExerciseSpec;
  if (input.kind === 'ROLEPLAY') {
    const parsed = scenarioSchema.safeParse(input.spec);
    if (!parsed.success) throw refusal(parsed.error);
    spec = { kind: 'ROLEPLAY', scenario: parsed.data };
  } else {
    const parsed = drillSetSchema.safeParse(input.spec);
    if (!parsed.success) throw refusal(parsed.error);
    spec = { kind: 'DRILL', drill: parsed.data };
  }
  const data = {
    kind: input.kind,
    spec: specJson(spec),
    title: rowTitle(spec),
    targetLanguage: spec.kind === 'ROLEPLAY' ? spec.scenario.targetLanguage : spec.drill.direction,
    level: spec.kind === 'ROLEPLAY' ? spec.scenario.level : spec.drill.level,
  };
  if (!input.exerciseId) return ctx.db.practiceExercise.create({ data: { ...data, authorId: ctx.user.id } });
  const updated = await ctx.db.practiceExercise.updateMany({
    where: { id: input.exerciseId, archivedAt: null, ...(ctx.user.role === 'ADMIN' ? {} : { authorId: ctx.user.id }) },
    data,
  });
  if (updated.count === 0) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such exercise.' });
  return ctx.db.practiceExercise.findUniqueOrThrow({ where: { id: input.exerciseId } });
});
