import { budgetLeft, utcDay } from '../chat/budget';
import { budgetScope, dailyBudgetFor } from '../chat/class-policy';
import { studentProcedure } from '../trpc';

/** Today's budget per class (and for personal sessions): what is used, reserved, left, and when it resets. */
export const todayRoute = studentProcedure.query(async ({ ctx }) => {
  const day = utcDay(ctx.now());
  const classes = await ctx.db.class.findMany({
    where: { enrollments: { some: { studentId: ctx.user.id } }, archivedAt: null },
    orderBy: { createdAt: 'asc' },
  });
  const scopes = [...classes.map((c) => ({ id: c.id, name: c.name, klass: c })), { id: null, name: null, klass: null }];
  return Promise.all(
    scopes.map(async (s) => ({
      classId: s.id,
      className: s.name,
      ...(await budgetLeft(
        ctx.db,
        { userId: ctx.user.id, scope: budgetScope(s.klass), day },
        dailyBudgetFor(s.klass, ctx.personalDailyBudget),
      )),
    })),
  );
});
