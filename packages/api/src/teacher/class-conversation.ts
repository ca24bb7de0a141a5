import { TRPCError } from '@trpc/server';
import type { Context, SessionUser } from '../context';

/**
 * A class session the caller oversees: its class's teacher, or an admin. Sessions outside any class are the
 * student's own and are never shown here, whoever asks; others learn nothing, not even that it exists.
 */
export async function loadClassConversation(ctx: Pick<Context, 'db'>, user: SessionUser, conversationId: string) {
  const conversation = await ctx.db.conversation.findUnique({
    where: { id: conversationId },
    include: { class: true, student: { select: { id: true, name: true, email: true } } },
  });
  const klass = conversation?.class;
  if (!conversation || !klass || (klass.teacherId !== user.id && user.role !== 'ADMIN')) {
    throw new TRPCError({ code: 'NOT_FOUND', message: 'No such conversation.' });
  }
  return { ...conversation, class: klass };
}
