import { utcMonth } from '../chat/spend-caps';
import { utcDay } from '../chat/budget';
import { catalogModels, personalModelsFor } from '../chat/class-policy';
import { adminProcedure } from '../trpc';
import { toUsd } from './teachers.types';

/**
 * The school's spending settings for /admin: the caps in force (saved, or the environment's until an admin saves),
 * what the installation spent today and this month, and the models of personal sessions with every one an admin
 * may open (admins only).
 */
export const getSpendingRoute = adminProcedure.query(async ({ ctx }) => {
  const now = ctx.now();
  const [settings, spent] = await Promise.all([
    ctx.db.installationSettings.findUnique({ where: { id: 1 } }),
    ctx.db.$queryRaw<Array<{ day: bigint | null; month: bigint | null }>>`
      SELECT sum("costMicros") FILTER (WHERE "createdAt" >= ${utcDay(now)})::bigint AS "day",
        sum("costMicros")::bigint AS "month"
      FROM "UsageEvent" WHERE "createdAt" >= ${utcMonth(now)}`,
  ]);
  const env = ctx.spendCapDefaults;
  const saved = settings?.capsSavedAt ? settings : null;
  const chosen = settings?.personalModels ?? [];
  return {
    caps: {
      saved: saved !== null,
      dayUsd: toUsd(saved ? saved.spendCapDayMicros : env.dayMicros),
      monthUsd: toUsd(saved ? saved.spendCapMonthMicros : env.monthMicros),
      teacherDayUsd: toUsd(saved ? saved.teacherSpendCapDayMicros : env.teacherDayMicros),
      teacherMonthUsd: toUsd(saved ? saved.teacherSpendCapMonthMicros : env.teacherMonthMicros),
    },
    spentUsd: { day: toUsd(spent[0]?.day ?? 0)!, month: toUsd(spent[0]?.month ?? 0)! },
    personal: {
      chosen: chosen.length > 0,
      models: personalModelsFor(ctx.catalog, ctx.provider, chosen),
      options: catalogModels(ctx.catalog, ctx.provider).map((id) => {
        const m = ctx.catalog.require(id);
        return { id: m.id, label: m.label, prices: m.prices };
      }),
    },
  };
});
