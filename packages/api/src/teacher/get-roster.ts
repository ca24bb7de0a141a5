import { Prisma } from '@lumi/db';
import { loadManagedClass } from '../classes/class-access';
import type { Context, SessionUser } from '../context';
import { teacherProcedure } from '../trpc';
import { classIdInput } from '../classes/class-settings.types';
import { dayString, periodStarts } from './day-range';

export interface RosterRow {
  studentId: string;
  name: string;
  email: string;
  joinedAt: Date;
  tokensToday: number;
  costMicrosToday: number;
  tokens7d: number;
  costMicros7d: number;
  tokens30d: number;
  costMicros30d: number;
  /** Today's budget as the chat turn counts it: spent plus what replies in flight have reserved. */
  budgetUsedToday: number;
  /** A teacher's extra allowance for today, on top of the class's budget. */
  extraToday: number;
  sessions: number;
  /** The latest of their sessions' last message and their use in the class over 30 days (a drill is no session). */
  lastActiveAt: Date | null;
  openFlags: number;
}

/**
 * The class's students with their use today, over 7 and over 30 days (UTC days, today included), read from the
 * daily rollup (UsageDay: exact sums of the usage rows, a few rows per student and day).
 */
export async function classRoster(ctx: Pick<Context, 'db' | 'now'>, user: SessionUser, classId: string) {
  const klass = await loadManagedClass(ctx, user, classId);
  const starts = periodStarts(ctx.now());
  const [today, week, month30] = [starts.today, starts.week, starts.month30].map(dayString);
  const students = await ctx.db.$queryRaw<RosterRow[]>(Prisma.sql`
    SELECT s."id" AS "studentId", s."name", s."email", e."createdAt" AS "joinedAt",
      coalesce(u."tokensToday", 0)::float8 AS "tokensToday", coalesce(u."costMicrosToday", 0)::float8 AS "costMicrosToday",
      coalesce(u."tokens7d", 0)::float8 AS "tokens7d", coalesce(u."costMicros7d", 0)::float8 AS "costMicros7d",
      coalesce(u."tokens30d", 0)::float8 AS "tokens30d", coalesce(u."costMicros30d", 0)::float8 AS "costMicros30d",
      coalesce(b."usedTokens" + b."reservedTokens", 0)::int AS "budgetUsedToday", coalesce(b."extraTokens", 0)::int AS "extraToday",
      coalesce(c."sessions", 0)::int AS "sessions", GREATEST(c."lastActiveAt", l."lastUsedAt") AS "lastActiveAt",
      coalesce(f."openFlags", 0)::int AS "openFlags"
    FROM "Enrollment" e
    JOIN "User" s ON s."id" = e."studentId"
    LEFT JOIN (
      SELECT d."userId",
        sum(d."promptTokens" + d."completionTokens") FILTER (WHERE d."day" = ${today}::date) AS "tokensToday",
        sum(d."costMicros") FILTER (WHERE d."day" = ${today}::date) AS "costMicrosToday",
        sum(d."promptTokens" + d."completionTokens") FILTER (WHERE d."day" >= ${week}::date) AS "tokens7d",
        sum(d."costMicros") FILTER (WHERE d."day" >= ${week}::date) AS "costMicros7d",
        sum(d."promptTokens" + d."completionTokens") AS "tokens30d",
        sum(d."costMicros") AS "costMicros30d"
      FROM "UsageDay" d WHERE d."classId" = ${klass.id} AND d."day" >= ${month30}::date
      GROUP BY d."userId"
    ) u ON u."userId" = e."studentId"
    -- The latest use in the class (a drill is no session): the newest of the student's rows, by their index.
    LEFT JOIN LATERAL (
      SELECT ue."createdAt" AS "lastUsedAt" FROM "UsageEvent" ue
      WHERE ue."userId" = e."studentId" AND ue."classId" = ${klass.id} AND ue."createdAt" >= ${starts.month30}
      ORDER BY ue."createdAt" DESC LIMIT 1
    ) l ON true
    LEFT JOIN "BudgetDay" b ON b."userId" = e."studentId" AND b."scope" = ${klass.id} AND b."day" = ${today}::date
    LEFT JOIN (
      SELECT "studentId", count(*) AS "sessions", max("lastMessageAt") AS "lastActiveAt"
      FROM "Conversation" WHERE "classId" = ${klass.id} GROUP BY "studentId"
    ) c ON c."studentId" = e."studentId"
    LEFT JOIN (
      SELECT "studentId", count(*) AS "openFlags"
      FROM "ModerationFlag" WHERE "classId" = ${klass.id} AND "reviewedAt" IS NULL GROUP BY "studentId"
    ) f ON f."studentId" = e."studentId"
    WHERE e."classId" = ${klass.id}
    ORDER BY s."name", s."id"`);
  return {
    class: {
      id: klass.id,
      name: klass.name,
      subject: klass.subject,
      joinCode: klass.joinCode,
      archived: klass.archivedAt !== null,
      dailyTokenBudget: klass.dailyTokenBudget,
    },
    students,
  };
}

export const getRosterRoute = teacherProcedure
  .input(classIdInput)
  .query(({ ctx, input }) => classRoster(ctx, ctx.user, input.classId));
