import { adminProcedure } from '../trpc';

/** The retention setting and what the daily job last did (admins only). */
export const getRetentionRoute = adminProcedure.query(async ({ ctx }) => {
  const settings = await ctx.db.installationSettings.findUnique({ where: { id: 1 } });
  return {
    days: settings?.messageRetentionDays ?? null,
    lastRunAt: settings?.retentionLastRunAt ?? null,
    lastRemoved: settings?.retentionLastRemoved ?? 0,
  };
});
