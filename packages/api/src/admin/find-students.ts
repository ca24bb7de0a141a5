import { adminProcedure } from '../trpc';
import { findStudentsInput } from './student-data.types';

const MAX_MATCHES = 20;

/** Students whose name or email contains the query, for the admin to pick whose data to export or delete. */
export const findStudentsRoute = adminProcedure.input(findStudentsInput).query(async ({ ctx, input }) => {
  const students = await ctx.db.user.findMany({
    where: {
      role: 'STUDENT',
      OR: [
        { name: { contains: input.query, mode: 'insensitive' } },
        { email: { contains: input.query, mode: 'insensitive' } },
      ],
    },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    take: MAX_MATCHES,
    select: {
      id: true,
      name: true,
      email: true,
      createdAt: true,
      enrollments: { select: { class: { select: { name: true } } }, orderBy: { createdAt: 'asc' } },
    },
  });
  return students.map(({ enrollments, ...s }) => ({ ...s, classes: enrollments.map((e) => e.class.name) }));
});
