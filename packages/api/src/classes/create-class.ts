import { Prisma } from '@lumi/db';
import { AppError } from '../errors/app-error';
import { teacherProcedure } from '../trpc';
import { assertKnownModels, assertKnownRules } from './class-access';
import { createClassInput } from './class-settings.types';
import { generateJoinCode } from './join-code';

/** A teacher's new class. Anyone may sign up as a teacher, so a class (and with it spending) waits for an admin's approval. */
export const createClassRoute = teacherProcedure.input(createClassInput).mutation(async ({ ctx, input }) => {
  if (ctx.user.role === 'TEACHER') {
    const me = await ctx.db.user.findUniqueOrThrow({ where: { id: ctx.user.id }, select: { pendingApproval: true } });
    if (me.pendingApproval) {
      throw new AppError('TEACHER_NOT_APPROVED', 'Your teacher account is waiting for an admin to approve it.');
    }
  }
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
