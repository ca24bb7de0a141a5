import { Prisma } from '@lumi/db';
import { loadManagedClass } from '../classes/class-access';
import { classIdInput } from '../classes/class-settings.types';
import { generateJoinCode } from '../classes/join-code';
import { teacherProcedure } from '../trpc';

/** A new join code for the class; the old one stops working at once. Students already in the class stay. */
export const regenerateJoinCodeRoute = teacherProcedure.input(classIdInput).mutation(async ({ ctx, input }) => {
  const klass = await loadManagedClass(ctx, ctx.user, input.classId);
  for (let attempt = 0; ; attempt++) {
    try {
      return await ctx.db.class.update({
        where: { id: klass.id },
        data: { joinCode: generateJoinCode() },
        select: { id: true, joinCode: true },
      });
    } catch (error) {
      const clash = error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
      if (!clash || attempt >= 4) throw error;
    }
  }
});
