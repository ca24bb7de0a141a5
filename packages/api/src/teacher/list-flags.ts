import { Prisma, type MessageRole } from '@lumi/db';
import { loadManagedClass } from '../classes/class-access';
import type { Context, SessionUser } from '../context';
import { teacherProcedure } from '../trpc';
import { recordListRead } from './access-log';
import { flagCategories } from './flag-categories';
import { listFlagsInput } from './list-flags.types';
import { managedClassCondition } from './managed-classes';
import type { z } from 'zod';

const EXCERPT_CHARS = 280;

export interface FlagRow {
  id: string;
  classId: string;
  className: string;
  conversationId: string;
  conversationTitle: string;
  messageId: string;
  messageRole: MessageRole;
  studentId: string;
  studentName: string;
  excerpt: string;
  categories: ReturnType<typeof flagCategories>;
  refused: boolean;
  createdAt: Date;
  reviewedAt: Date | null;
  reviewedBy: string | null;
}

/**
 * Moderation flags of the caller's classes, newest first: open ones, reviewed ones (who and when), or all. The
 * excerpts are students' text: the page is access-logged. The page is chosen from the flags alone before anything
 * is joined (every join is a required key, so none drops a row): the planner otherwise joins every open flag of
 * the school to its session and message before sorting.
 */
export async function listClassFlags(
  ctx: Pick<Context, 'db'>,
  user: SessionUser,
  input: z.output<typeof listFlagsInput>,
) {
  const scope = input.classId
    ? Prisma.sql`f."classId" = ${(await loadManagedClass(ctx, user, input.classId)).id}`
    : Prisma.sql`f."classId" IS NOT NULL AND ${managedClassCondition(user, Prisma.sql`f."classId"`)}`;
  const status =
    input.status === 'open'
      ? Prisma.sql`AND f."reviewedAt" IS NULL`
      : input.status === 'reviewed'
        ? Prisma.sql`AND f."reviewedAt" IS NOT NULL`
        : Prisma.empty;
  const after = input.cursor
    ? Prisma.sql`AND (f."createdAt", f."id") < (${input.cursor.createdAt}, ${input.cursor.id})`
    : Prisma.empty;
  const rows = await ctx.db.$queryRaw<Array<Omit<FlagRow, 'categories'> & { categories: Prisma.JsonValue }>>(Prisma.sql`
    SELECT f."id", f."classId", k."name" AS "className", f."conversationId", c."title" AS "conversationTitle",
      f."messageId", m."role" AS "messageRole", f."studentId", s."name" AS "studentName",
      left(m."content", ${EXCERPT_CHARS}) AS "excerpt", f."categories", f."refused", f."createdAt", f."reviewedAt",
      r."name" AS "reviewedBy"
    FROM (
      SELECT * FROM "ModerationFlag" f WHERE ${scope} ${status} ${after}
      ORDER BY f."createdAt" DESC, f."id" DESC LIMIT ${input.limit + 1}
    ) f
    JOIN "Class" k ON k."id" = f."classId"
    JOIN "Conversation" c ON c."id" = f."conversationId"
    JOIN "Message" m ON m."id" = f."messageId"
    JOIN "User" s ON s."id" = f."studentId"
    LEFT JOIN "User" r ON r."id" = f."reviewedById"
    ORDER BY f."createdAt" DESC, f."id" DESC`);
  const page = rows.slice(0, input.limit).map((row) => ({ ...row, categories: flagCategories(row.categories) }));
  await recordListRead(ctx, user, 'FLAG_EXCERPTS', page, (count) => ({ kind: 'flagExcerpts', count }));
  const last = page.at(-1);
  return {
    items: page,
    nextCursor: rows.length > input.limit && last ? { createdAt: last.createdAt, id: last.id } : null,
  };
}

export const listFlagsRoute = teacherProcedure
  .input(listFlagsInput)
  .query(({ ctx, input }) => listClassFlags(ctx, ctx.user, input));
