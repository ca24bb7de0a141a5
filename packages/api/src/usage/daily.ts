import { z } from 'zod';
import { utcDay } from '../chat/budget';
import { studentProcedure } from '../trpc';

export const dailyUsageInput = z.object({ days: z.number().int().min(1).max(90).default(14) });

/**
 * The student's tokens per UTC day over the last `days` days, oldest first, days without use as zero. Tokens only:
 * the days mix classes, and money is for teachers and admins (see seesPrices).
 */
export const dailyRoute = studentProcedure.input(dailyUsageInput).query(async ({ ctx, input }) => {
  const to = utcDay(ctx.now());
  const from = new Date(to.getTime() - (input.days - 1) * 86_400_000);
  return ctx.db.$queryRaw<Array<{ day: string; tokens: number }>>`
    SELECT to_char(d.day, 'YYYY-MM-DD') AS "day",
           COALESCE(SUM(u."promptTokens" + u."completionTokens"), 0)::int AS "tokens"
    FROM generate_series(${from}::date, ${to}::date, interval '1 day') AS d(day)
    LEFT JOIN "UsageEvent" u
      ON u."userId" = ${ctx.user.id} AND u."createdAt" >= d.day AND u."createdAt" < d.day + interval '1 day'
    GROUP BY d.day
    ORDER BY d.day`;
});
