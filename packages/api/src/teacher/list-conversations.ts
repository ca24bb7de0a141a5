import { Prisma, type TutorMode } from '@lumi/db';
import { loadManagedClass } from '../classes/class-access';
import type { Context, SessionUser } from '../context';
import { teacherProcedure } from '../trpc';
import { rangeBounds } from './day-range';
import { classConversationsInput } from './list-conversations.types';
import type { z } from 'zod';

export interface ClassConversationRow {
  id: string;
  title: string;
  mode: TutorMode;
  studentId: string;
  studentName: string;
  messages: number;
  tokens: number;
  costMicros: number;
  flags: number;
  openFlags: number;
  lastMessageAt: Date;
  createdAt: Date;
  /** The student deleted it from their list; the teacher still sees it. */
  deletedByStudent: boolean;
}

/** The class's sessions, most recently active first, filtered by student, mode, days and flags, a page at a time. */
export async function classConversations(
  ctx: Pick<Context, 'db'>,
  user: SessionUser,
  input: z.output<typeof classConversationsInput>,
) {
  const klass = await loadManagedClass(ctx, user, input.classId);
  const where = [Prisma.sql`c."classId" = ${klass.id}`];
  if (input.studentId) where.push(Prisma.sql`c."studentId" = ${input.studentId}`);
  if (input.mode) where.push(Prisma.sql`c."mode" = ${input.mode}::"TutorMode"`);
  if (input.range) {
    const { start, end } = rangeBounds(input.range);
    where.push(Prisma.sql`c."lastMessageAt" >= ${start} AND c."createdAt" < ${end}`);
  }
  if (input.flagged !== undefined) {
    where.push(
      Prisma.sql`${input.flagged ? Prisma.empty : Prisma.sql`NOT`} EXISTS (SELECT 1 FROM "ModerationFlag" f WHERE f."conversationId" = c."id")`,
    );
  }
  if (input.cursor) {
    where.push(Prisma.sql`(c."lastMessageAt", c."id") < (${input.cursor.lastMessageAt}, ${input.cursor.id})`);
  }
  const rows = await ctx.db.$queryRaw<
    Array<Omit<ClassConversationRow, 'deletedByStudent'> & { deletedAt: Date | null }>
  >(
    Prisma.sql`
    SELECT c."id", c."title", c."mode", c."studentId", s."name" AS "studentName", c."lastMessageAt", c."createdAt",
      c."deletedAt",
      (SELECT count(*) FROM "Message" m WHERE m."conversationId" = c."id")::int AS "messages",
      coalesce(u."tokens", 0)::float8 AS "tokens", coalesce(u."costMicros", 0)::float8 AS "costMicros",
      fl."flags", fl."openFlags"
    FROM "Conversation" c
    JOIN "User" s ON s."id" = c."studentId"
    CROSS JOIN LATERAL (
      SELECT sum("promptTokens" + "completionTokens") AS "tokens", sum("costMicros") AS "costMicros"
      FROM "UsageEvent" WHERE "conversationId" = c."id"
    ) u
    CROSS JOIN LATERAL (
      SELECT count(*)::int AS "flags", (count(*) FILTER (WHERE "reviewedAt" IS NULL))::int AS "openFlags"
      FROM "ModerationFlag" WHERE "conversationId" = c."id"
    ) fl
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY c."lastMessageAt" DESC, c."id" DESC
    LIMIT ${input.limit + 1}`,
  );
  const page = rows
    .slice(0, input.limit)
    .map(({ deletedAt, ...row }) => ({ ...row, deletedByStudent: deletedAt !== null }));
  const last = page.at(-1);
  return {
    items: page,
    nextCursor: rows.length > input.limit && last ? { lastMessageAt: last.lastMessageAt, id: last.id } : null,
  };
}

export const listConversationsRoute = teacherProcedure
  .input(classConversationsInput)
  .query(({ ctx, input }) => classConversations(ctx, ctx.user, input));
