import { Prisma, type MessageRole } from '@lumi/db';
import { loadManagedClass } from '../classes/class-access';
import type { Context, SessionUser } from '../context';
import { teacherProcedure } from '../trpc';
import { searchMessagesInput } from './search-messages.types';
import { recordListRead } from './access-log';
import { snippet } from './snippet';
import type { z } from 'zod';

/** How many of the class's newest messages are read in order before the GIN index is asked instead. */
const NEWEST_WINDOW = 10_000;

interface FoundMessage {
  id: string;
  conversationId: string;
  role: MessageRole;
  content: string;
  createdAt: Date;
  title: string;
  studentId: string;
  studentName: string;
}

/**
 * Messages of the class's sessions that contain the search, newest first. English words match as prefixes and a
 * Chinese word anywhere inside a sentence (Message.searchVector, lumi_search_vector). A page is looked for first
 * among the class's newest messages, read newest first (Message.classId) and stopped at the page's end: a common
 * word is met there at once, whereas the GIN index must collect its every match in the school before it can keep
 * the class's. A word that page does not fill is asked of the GIN index together with the class's own lexeme. The
 * snippets are students' text: the page is access-logged.
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
  const withSessions = (found: Prisma.Sql) =>
    ctx.db.$queryRaw<FoundMessage[]>(Prisma.sql`
      SELECT m."id", m."conversationId", m."role", m."content", m."createdAt", c."title", c."studentId",
        s."name" AS "studentName"
      FROM (${found}) m
      JOIN "Conversation" c ON c."id" = m."conversationId" AND c."classId" = ${klass.id}
      JOIN "User" s ON s."id" = c."studentId"
      ORDER BY m."createdAt" DESC, m."id" DESC`);
  const columns = Prisma.sql`m."id", m."conversationId", m."role", m."content", m."createdAt"`;
  const order = Prisma.sql`ORDER BY m."createdAt" DESC, m."id" DESC`;
  // ts_match_vq is @@ under its function name, which no index answers: the window is read in order.
  let rows = await withSessions(Prisma.sql`
    SELECT ${columns} FROM (
      SELECT ${columns}, m."searchVector" FROM "Message" m WHERE m."classId" = ${klass.id} ${after}
      ${order} LIMIT ${NEWEST_WINDOW}
    ) m
    WHERE ts_match_vq(m."searchVector", lumi_search_query(${input.query}))
    ${order} LIMIT ${input.limit + 1}`);
  if (rows.length <= input.limit) {
    rows = await withSessions(Prisma.sql`
      SELECT ${columns} FROM "Message" m
      WHERE m."searchVector" @@ (lumi_search_query(${input.query}) && lumi_class_query(${klass.id})) ${after}
      ${order} LIMIT ${input.limit + 1}`);
  }
  const page = rows.slice(0, input.limit);
  await recordListRead(
    ctx,
    user,
    'SEARCH_RESULTS',
    page.map((row) => ({ ...row, classId: klass.id })),
    (count) => ({ kind: 'search', query: input.query, count }),
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
