import { studentProcedure } from '../trpc';
import { loadConversation } from './conversation-access';
import { conversationIdInput } from './conversation.types';

/** Soft delete: the session leaves the student's list; its messages and usage stay on record. */
export const deleteConversationRoute = studentProcedure.input(conversationIdInput).mutation(async ({ ctx, input }) => {
  await loadConversation(ctx, ctx.user, input.conversationId, 'write');
  await ctx.db.conversation.update({ where: { id: input.conversationId }, data: { deletedAt: ctx.now() } });
  return { id: input.conversationId };
});
