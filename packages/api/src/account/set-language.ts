import { z } from 'zod';
import { signedInProcedure } from '../trpc';
import { languageSchema } from './sign-up.types';

export const setLanguageInput = z.object({ language: languageSchema });

export const setLanguageRoute = signedInProcedure.input(setLanguageInput).mutation(async ({ ctx, input }) => {
  await ctx.db.user.update({ where: { id: ctx.user.id }, data: { language: input.language } });
  return { language: input.language };
});
