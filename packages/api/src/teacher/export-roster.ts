import { classIdInput } from '../classes/class-settings.types';
import { teacherProcedure } from '../trpc';
import { recordAccess } from './access-log';
import { dollars, slug, toCsv } from './csv';
import { dayString } from './day-range';
import { classRoster } from './get-roster';

/** The roster as the teacher sees it, as CSV (UTF-8 with a BOM for Excel). Logged. */
export const exportRosterRoute = teacherProcedure.input(classIdInput).query(async ({ ctx, input }) => {
  const roster = await classRoster(ctx, ctx.user, input.classId);
  await recordAccess(ctx, ctx.user, { action: 'EXPORT_ROSTER', classId: roster.class.id });
  const content = toCsv(
    [
      'student',
      'email',
      'joined_utc',
      'tokens_today',
      'cost_usd_today',
      'tokens_7d',
      'cost_usd_7d',
      'tokens_30d',
      'cost_usd_30d',
      'budget_used_today',
      'daily_budget',
      'sessions',
      'last_active_utc',
      'open_flags',
    ],
    roster.students.map((s) => [
      s.name,
      s.email,
      s.joinedAt.toISOString(),
      s.tokensToday,
      dollars(s.costMicrosToday),
      s.tokens7d,
      dollars(s.costMicros7d),
      s.tokens30d,
      dollars(s.costMicros30d),
      s.budgetUsedToday,
      roster.class.dailyTokenBudget,
      s.sessions,
      s.lastActiveAt?.toISOString() ?? '',
      s.openFlags,
    ]),
  );
  return {
    filename: `${slug(roster.class.name)}-roster-${dayString(ctx.now())}.csv`,
    mimeType: 'text/csv;charset=utf-8',
    content,
  };
});
