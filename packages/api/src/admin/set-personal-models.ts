import { AppError } from '../errors/app-error';
import { catalogModels } from '../chat/class-policy';
import { adminProcedure } from '../trpc';
import { setPersonalModelsInput } from './teachers.types';

/**
 * Chooses the models students may use in sessions outside any class (admins only); applies from the next turn on
 * every node. Sessions already on a model no longer chosen move to the first chosen one at their next turn.
 */
export const setPersonalModelsRoute = adminProcedure.input(setPersonalModelsInput).mutation(async ({ ctx, input }) => {
  const known = catalogModels(ctx.catalog, ctx.provider);
  const unknown = input.models.filter((id) => !known.includes(id));
  if (unknown.length > 0) throw new AppError('UNKNOWN_MODEL', `Unknown model: ${unknown.join(', ')}.`);
  const personalModels = [...new Set(input.models)];
  await ctx.db.installationSettings.upsert({
    where: { id: 1 },
    create: { id: 1, personalModels },
    update: { personalModels },
  });
  return { models: personalModels };
});
