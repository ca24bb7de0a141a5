import { Prisma } from '@lumi/db';
import type { SessionUser } from '../context';

/** SQL condition on a class id column: the classes this teacher teaches, or every class for an admin. */
export function managedClassCondition(user: SessionUser, column: Prisma.Sql): Prisma.Sql {
  return user.role === 'ADMIN'
    ? Prisma.sql`TRUE`
    : Prisma.sql`${column} IN (SELECT "id" FROM "Class" WHERE "teacherId" = ${user.id})`;
}
