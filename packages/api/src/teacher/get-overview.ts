import { Prisma } from '@lumi/db';
import type { Context, SessionUser } from '../context';
import { teacherProcedure } from '../trpc';
import { periodStarts } from './day-range';
import { managedClassCondition } from './managed-classes';

export interface ClassOverview {
  id: string;
  name: string;
  subject: string | null;
  joinCode: string;
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
 * and the moderation flags nobody has reviewed yet. Sums are float8: exact for integers below 2^53.
 */
export async function classOverview(ctx: Pick<Context, 'db' | 'now'>, user: SessionUser): Promise<ClassOverview[]> {
  const { today, monthStart } = periodStarts(ctx.now());
  const rows = await ctx.db.$queryRaw<Array<Omit<ClassOverview, 'archived'> & { archivedAt: Date | null }>>(Prisma.sql`
    SELECT k."id", k."name", k."subject", k."joinCode", k."archivedAt",
      (SELECT count(*) FROM "Enrollment" e WHERE e."classId" = k."id")::int AS "students",
      u."activeToday", u."tokensToday", u."costMicrosToday", u."tokensMonth", u."costMicrosMonth",
      fl."openFlags", fl."newestOpenFlagAt"
    FROM "Class" k
    CROSS JOIN LATERAL (
      SELECT count(DISTINCT "userId") FILTER (WHERE "createdAt" >= ${today} AND "userId" <> k."teacherId")::int AS "activeToday",
        coalesce(sum("promptTokens" + "completionTokens") FILTER (WHERE "createdAt" >= ${today}), 0)::float8 AS "tokensToday",
        coalesce(sum("costMicros") FILTER (WHERE "createdAt" >= ${today}), 0)::float8 AS "costMicrosToday",
        coalesce(sum("promptTokens" + "completionTokens"), 0)::float8 AS "tokensMonth",
        coalesce(sum("costMicros"), 0)::float8 AS "costMicrosMonth"
      FROM "UsageEvent" WHERE "classId" = k."id" AND "createdAt" >= ${monthStart}
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
