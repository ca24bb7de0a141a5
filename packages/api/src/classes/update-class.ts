import { teacherProcedure } from '../trpc';
import { assertKnownModels, assertKnownRules, loadManagedClass } from './class-access';
import { updateClassInput } from './class-settings.types';

export const updateClassRoute = teacherProcedure.input(updateClassInput).mutation(async ({ ctx, input }) => {
  const { classId, ...settings } = input;
  await loadManagedClass(ctx, ctx.user, classId);
  assertKnownRules(input.tutorRules);
  assertKnownModels(ctx, [
    ...(settings.allowedModels ?? []),
    ...(settings.defaultModel ? [settings.defaultModel] : []),
  ]);
  return ctx.db.class.update({ where: { id: classId }, data: settings });
});
