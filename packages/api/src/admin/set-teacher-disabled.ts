import { AppError } from '../errors/app-error';
import { adminProcedure } from '../trpc';
import { setTeacherDisabledInput } from './teachers.types';

/**
 * Disables a teacher account, or enables it again (admins only). A disabled teacher's sessions stop counting on the
 * next request on every node (account/session.ts), and their classes spend nothing (spend-caps.ts); their classes,
 * students and history stay.
 */
export const setTeacherDisabledRoute = adminProcedure
  .input(setTeacherDisabledInput)
  .mutation(async ({ ctx, input }) => {
    const { count } = await ctx.db.user.updateMany({
      where: { id: input.teacherId, role: 'TEACHER' },
      data: { disabledAt: input.disabled ? ctx.now() : null },
    });
    if (count === 0) throw new AppError('NOT_FOUND', 'No such teacher.');
    return { disabled: input.disabled };
  });
