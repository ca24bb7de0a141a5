import type { Context, SessionUser } from '../context';
import { AppError } from '../errors/app-error';

/**
 * Loads a live conversation for the caller. The student who owns it may read and write; the teacher of its
 * class and admins may read (students are told this in the UI). Everyone else gets "not found".
 */
export async function loadConversation(
  ctx: Pick<Context, 'db'>,
  user: SessionUser,
  conversationId: string,
  access: 'read' | 'write',
) {
  const conversation = await ctx.db.conversation.findFirst({
    where: { id: conversationId, deletedAt: null },
    include: { class: true },
  });
  const owner = conversation?.studentId === user.id;
  const overseer =
    access === 'read' && (user.role === 'ADMIN' || (!!conversation?.class && conversation.class.teacherId === user.id));
  if (!conversation || !(owner || overseer)) {
    throw new AppError('NOT_FOUND', 'No such conversation.');
  }
  return conversation;
}
