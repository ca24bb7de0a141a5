import { Prisma } from '@lumi/db';
import { loadManagedClass } from '../classes/class-access';
import { classIdInput } from '../classes/class-settings.types';
import { teacherProcedure } from '../trpc';

/**
 * Students no longer in the class whose sessions in it remain (removing a student keeps their history): the
 * session list's student filter offers them beside the roster. Names only; their sessions are read as any other.
 */
export const formerStudentsRoute = teacherProcedure.input(classIdInput).query(async ({ ctx, input }) => {
  const klass = await loadManagedClass(ctx, ctx.user, input.classId);
  return ctx.db.$queryRaw<Array<{ studentId: string; name: string }>>(Prisma.sql`
    SELECT u."id" AS "studentId", u."name"
    FROM "User" u
    WHERE u."id" IN (SELECT c."studentId" FROM "Conversation" c WHERE c."classId" = ${klass.id})
      AND NOT EXISTS (SELECT 1 FROM "Enrollment" e WHERE e."classId" = ${klass.id} AND e."studentId" = u."id")
    ORDER BY u."name", u."id"`);
});
