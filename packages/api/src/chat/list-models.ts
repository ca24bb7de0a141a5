import { z } from 'zod';
import { signedInProcedure } from '../trpc';
import { studentModels } from '../admin/personal-choice';
import { AppError } from '../errors/app-error';
import { seesPrices } from '../classes/prices-visible';

export const listModelsInput = z.object({ classId: z.string().min(1).max(64).nullish() });

/**
 * The models a student may pick in a class (or for personal sessions); prices only for those who see money. A
 * class's models are told to its students, its teacher and admins; to anyone else the class does not exist.
 */
export const modelsRoute = signedInProcedure.input(listModelsInput).query(async ({ ctx, input }) => {
  const member =
    ctx.user.role === 'ADMIN'
      ? {}
      : { OR: [{ teacherId: ctx.user.id }, { enrollments: { some: { studentId: ctx.user.id } } }] };
  const klass = input.classId ? await ctx.db.class.findFirst({ where: { id: input.classId, ...member } }) : null;
  if (input.classId && !klass) throw new AppError('NOT_FOUND', 'No such class.');
  const withPrices = seesPrices(ctx.user, klass);
  return {
    offline: ctx.provider.offline,
    models: (await studentModels(ctx, klass)).map((id) => {
      const m = ctx.catalog.get(id)!;
      return {
        id: m.id,
        label: m.label,
        contextWindow: m.contextWindow,
        maxOutput: m.maxOutput,
        prices: withPrices ? m.prices : null,
      };
    }),
    defaultModel: klass?.defaultModel ?? null,
  };
});
