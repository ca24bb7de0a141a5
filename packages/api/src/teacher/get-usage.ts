import { Prisma } from '@lumi/db';
import { loadManagedClass } from '../classes/class-access';
import type { Context, SessionUser } from '../context';
import { teacherProcedure } from '../trpc';
import { daysOf, rangeBounds } from './day-range';
import { usageInput } from './get-usage.types';
import type { z } from 'zod';

const TOP_STUDENTS = 10;

interface Sums {
  tokens: number;
  costMicros: number;
}

/**
 * A class's use over a range of UTC days: tokens and cost per day stacked by model or by mode (the session's mode
 * when the row was written, else the kind: an exercise, an insight), the totals, the students who used most, and
 * replies per hour of the teacher's day. Every figure is a SUM over the same usage rows (the rollup holds their exact
 * sums), so the stacks add up to the totals exactly.
 */
export async function classUsage(ctx: Pick<Context, 'db'>, user: SessionUser, input: z.output<typeof usageInput>) {
  const klass = await loadManagedClass(ctx, user, input.classId);
  const { start, end } = rangeBounds(input);
  // Days, stacks, totals and top students read the class's daily rollup (UsageDay, kept by triggers on UsageEvent:
  // a few rows a day, not every reply); hours of the day read the usage rows themselves.
  const days = Prisma.sql`d."classId" = ${klass.id} AND d."day" >= ${input.from}::date AND d."day" <= ${input.to}::date`;
  const key = input.groupBy === 'model' ? Prisma.sql`d."model"` : Prisma.sql`d."bucket"`;
  const [cells, totals, top, hours] = await Promise.all([
    ctx.db.$queryRaw<Array<Sums & { day: string; key: string }>>(Prisma.sql`
      SELECT to_char(d."day", 'YYYY-MM-DD') AS "day", ${key} AS "key",
        sum(d."promptTokens" + d."completionTokens")::float8 AS "tokens", sum(d."costMicros")::float8 AS "costMicros"
      FROM "UsageDay" d WHERE ${days}
      GROUP BY 1, 2`),
    ctx.db.$queryRaw<Array<Sums & { promptTokens: number; completionTokens: number; events: number }>>(Prisma.sql`
      SELECT coalesce(sum(d."promptTokens"), 0)::float8 AS "promptTokens",
        coalesce(sum(d."completionTokens"), 0)::float8 AS "completionTokens",
        coalesce(sum(d."promptTokens" + d."completionTokens"), 0)::float8 AS "tokens",
        coalesce(sum(d."costMicros"), 0)::float8 AS "costMicros", coalesce(sum(d."events"), 0)::int AS "events"
      FROM "UsageDay" d WHERE ${days}`),
    ctx.db.$queryRaw<Array<Sums & { studentId: string; name: string }>>(Prisma.sql`
      SELECT t."userId" AS "studentId", s."name", t."tokens", t."costMicros"
      FROM (
        SELECT d."userId", sum(d."promptTokens" + d."completionTokens")::float8 AS "tokens",
          sum(d."costMicros")::float8 AS "costMicros"
        FROM "UsageDay" d WHERE ${days} AND d."userId" NOT IN (${klass.teacherId}, '')
        GROUP BY d."userId" ORDER BY 2 DESC, 1 LIMIT ${TOP_STUDENTS}
      ) t JOIN "User" s ON s."id" = t."userId"
      ORDER BY t."tokens" DESC, t."userId"`),
    ctx.db.$queryRaw<Array<{ hour: Date; replies: number; tokens: number }>>(Prisma.sql`
      SELECT date_trunc('hour', u."createdAt") AS "hour", count(*)::int AS "replies",
        sum(u."promptTokens" + u."completionTokens")::float8 AS "tokens"
      FROM "UsageEvent" u WHERE u."classId" = ${klass.id} AND u."createdAt" >= ${start} AND u."createdAt" < ${end}
      GROUP BY 1`),
  ]);

  const keyTotals = new Map<string, number>();
  for (const cell of cells) keyTotals.set(cell.key, (keyTotals.get(cell.key) ?? 0) + cell.tokens);
  const keys = [...keyTotals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k]) => k);
  const byDay = new Map<string, { day: string; tokens: Record<string, number>; costMicros: Record<string, number> }>(
    daysOf(input).map((day) => [day, { day, tokens: {}, costMicros: {} }]),
  );
  for (const cell of cells) {
    const entry = byDay.get(cell.day);
    if (!entry) continue;
    entry.tokens[cell.key] = cell.tokens;
    entry.costMicros[cell.key] = cell.costMicros;
  }
  return {
    classId: klass.id,
    from: input.from,
    to: input.to,
    groupBy: input.groupBy,
    keys,
    days: [...byDay.values()],
    totals: totals[0]!,
    topStudents: top,
    byHour: localHours(hours, input.timeZone),
  };
}

/** UTC hour buckets folded into the 24 hours of the teacher's day (Intl knows each date's offset). */
function localHours(buckets: Array<{ hour: Date; replies: number; tokens: number }>, timeZone: string) {
  const hourOf = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' });
  const out = Array.from({ length: 24 }, (_, hour) => ({ hour, replies: 0, tokens: 0 }));
  for (const bucket of buckets) {
    const slot = out[Number(hourOf.format(bucket.hour)) % 24]!;
    slot.replies += bucket.replies;
    slot.tokens += bucket.tokens;
  }
  return out;
}

export const getUsageRoute = teacherProcedure
  .input(usageInput)
  .query(({ ctx, input }) => classUsage(ctx, ctx.user, input));
