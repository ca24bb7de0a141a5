import { Prisma } from '@lumi/db';
import { teacherProcedure } from '../trpc';
import { assertKnownModels, assertKnownRules } from './class-access';
import { createClassInput } from './class-settings.types';
import { generateJoinCode } from './join-code';

export const createClassRoute = teacherProcedure.input(createClassInput).mutation(async ({ ctx, input }) => {
  assertKnownRules(input.tutorRules);
  assertKnownModels(ctx, [...(input.allowedModels ?? []), ...(input.defaultModel ? [input.defaultModel] : [])]);
  // A clash of random codes is rare; retry a few times on the unique constraint instead of checking first.
  for (let attempt = 0; ; attempt++) {
    try {
      return await ctx.db.class.create({
        data: { ...input, subject: input.subject ?? null, teacherId: ctx.user.id, joinCode: generateJoinCode() },
      });
    } catch (error) {
      const clash = error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
      if (!clash || attempt >= 4) throw error;
    }
  }
});
