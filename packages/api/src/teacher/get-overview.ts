import { Prisma } from '@lumi/db';
import type { Context, SessionUser } from '../context';
import { teacherProcedure } from '../trpc';
import { dayString, periodStarts } from './day-range';
import { managedClassCondition } from './managed-classes';

export interface ClassOverview {
  id: string;
  name: string;
  subject: string | null;
  joinCode: string;
  /** Who teaches it: an admin's overview lists every teacher's classes. */
  teacherName: string;
  archived: boolean;
  students: number;
  activeToday: number;
  tokensToday: number;
  costMicrosToday: number;
  tokensMonth: number;
  costMicrosMonth: number;
  openFlags: number;
  newestOpenFlagAt: Date | null;
}

/**
 * Every class the caller teaches (an admin: every class), live ones first, with today's and this month's use
 * and the moderation flags nobody has reviewed yet. Sums are float8: exact for integers below 2^53. Use is read from
 * the daily rollup (UsageDay, exact sums of the usage rows): a month of an admin's 40 classes is a few thousand
 * rollup rows instead of every reply's row.
 */
export async function classOverview(ctx: Pick<Context, 'db' | 'now'>, user: SessionUser): Promise<ClassOverview[]> {
  const starts = periodStarts(ctx.now());
  const [today, monthStart] = [dayString(starts.today), dayString(starts.monthStart)];
  const rows = await ctx.db.$queryRaw<Array<Omit<ClassOverview, 'archived'> & { archivedAt: Date | null }>>(Prisma.sql`
    SELECT k."id", k."name", k."subject", k."joinCode", k."archivedAt",
      (SELECT t."name" FROM "User" t WHERE t."id" = k."teacherId") AS "teacherName",
      (SELECT count(*) FROM "Enrollment" e WHERE e."classId" = k."id")::int AS "students",
      u."activeToday", u."tokensToday", u."costMicrosToday", u."tokensMonth", u."costMicrosMonth",
      fl."openFlags", fl."newestOpenFlagAt"
    FROM "Class" k
    CROSS JOIN LATERAL (
      SELECT count(DISTINCT d."userId") FILTER (WHERE d."day" = ${today}::date AND d."userId" NOT IN (k."teacherId", ''))::int AS "activeToday",
        coalesce(sum(d."promptTokens" + d."completionTokens") FILTER (WHERE d."day" = ${today}::date), 0)::float8 AS "tokensToday",
        coalesce(sum(d."costMicros") FILTER (WHERE d."day" = ${today}::date), 0)::float8 AS "costMicrosToday",
        coalesce(sum(d."promptTokens" + d."completionTokens"), 0)::float8 AS "tokensMonth",
        coalesce(sum(d."costMicros"), 0)::float8 AS "costMicrosMonth"
      FROM "UsageDay" d WHERE d."classId" = k."id" AND d."day" >= ${monthStart}::date
    ) u
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS "openFlags", max("createdAt") AS "newestOpenFlagAt"
      FROM "ModerationFlag" f WHERE f."classId" = k."id" AND f."reviewedAt" IS NULL
    ) fl
    WHERE ${managedClassCondition(user, Prisma.sql`k."id"`)}
    ORDER BY k."archivedAt" IS NOT NULL, k."createdAt", k."id"`);
  return rows.map(({ archivedAt, ...row }) => ({ ...row, archived: archivedAt !== null }));
}

export const getOverviewRoute = teacherProcedure.query(({ ctx }) => classOverview(ctx, ctx.user));
