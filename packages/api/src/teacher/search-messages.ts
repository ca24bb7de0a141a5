import { Prisma, type MessageRole } from '@lumi/db';
import { loadManagedClass } from '../classes/class-access';
import type { Context, SessionUser } from '../context';
import { teacherProcedure } from '../trpc';
import { searchMessagesInput } from './search-messages.types';
import { recordListRead } from './access-log';
import { snippet } from './snippet';
import type { z } from 'zod';

/**
 * Messages of the class's sessions that contain the search, newest first. English words match as prefixes and a
 * Chinese word anywhere inside a sentence, through Message.searchVector's GIN index (lumi_search_vector), asked for
 * the words together with the class's own lexeme. The snippets are students' text: the page is access-logged.
 */
export async function searchClassMessages(
  ctx: Pick<Context, 'db'>,
  user: SessionUser,
  input: z.output<typeof searchMessagesInput>,
) {
  const klass = await loadManagedClass(ctx, user, input.classId);
  const after = input.cursor
    ? Prisma.sql`AND (m."createdAt", m."id") < (${input.cursor.createdAt}, ${input.cursor.id})`
    : Prisma.empty;
  const rows = await ctx.db.$queryRaw<
    Array<{
      id: string;
      conversationId: string;
      role: MessageRole;
      content: string;
      createdAt: Date;
      title: string;
      studentId: string;
      studentName: string;
    }>
  >(Prisma.sql`
    SELECT m."id", m."conversationId", m."role", m."content", m."createdAt", c."title", c."studentId",
      s."name" AS "studentName"
    FROM "Message" m
    JOIN "Conversation" c ON c."id" = m."conversationId"
    JOIN "User" s ON s."id" = c."studentId"
    WHERE c."classId" = ${klass.id} ${after}
      -- The class's lexeme in the same GIN lookup: only this class's matches are read (see search_vector_on_settle).
      AND m."searchVector" @@ (lumi_search_query(${input.query}) && lumi_class_query(${klass.id}))
    ORDER BY m."createdAt" DESC, m."id" DESC
    LIMIT ${input.limit + 1}`);
  const page = rows.slice(0, input.limit);
  await recordListRead(
    ctx,
    user,
    'SEARCH_RESULTS',
    page.map((row) => ({ ...row, classId: klass.id })),
    (count) => `search "${input.query}": ${count} ${count === 1 ? 'message' : 'messages'}`,
  );
  const last = page.at(-1);
  return {
    items: page.map(({ content, ...row }) => ({ ...row, snippet: snippet(content, input.query) })),
    nextCursor: rows.length > input.limit && last ? { createdAt: last.createdAt, id: last.id } : null,
  };
}

export const searchMessagesRoute = teacherProcedure
  .input(searchMessagesInput)
  .query(({ ctx, input }) => searchClassMessages(ctx, ctx.user, input));
