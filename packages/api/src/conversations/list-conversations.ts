import { studentProcedure } from '../trpc';
import { listConversationsInput } from './conversation.types';

/** The student's own sessions, newest first; search matches titles and message text. */
export const listConversationsRoute = studentProcedure.input(listConversationsInput).query(async ({ ctx, input }) => {
  const search = input.search?.length ? input.search : undefined;
  const rows = await ctx.db.conversation.findMany({
    where: {
      studentId: ctx.user.id,
      deletedAt: null,
      ...(search && {
        OR: [
          { title: { contains: search, mode: 'insensitive' } },
          { messages: { some: { content: { contains: search, mode: 'insensitive' } } } },
        ],
      }),
    },
    orderBy: [{ lastMessageAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
    ...(input.cursor && { cursor: { id: input.cursor }, skip: 1 }),
    select: {
      id: true,
      title: true,
      mode: true,
      model: true,
      classId: true,
      lastMessageAt: true,
      createdAt: true,
    },
  });
  const hasMore = rows.length > input.limit;
  const items = hasMore ? rows.slice(0, input.limit) : rows;
  return { items, nextCursor: hasMore ? (items.at(-1)?.id ?? null) : null };
});
