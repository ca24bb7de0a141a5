import { studentProcedure } from '../trpc';
import { loadConversation } from './conversation-access';
import { renameConversationInput } from './conversation.types';

export const renameConversationRoute = studentProcedure
  .input(renameConversationInput)
  .mutation(async ({ ctx, input }) => {
    await loadConversation(ctx, ctx.user, input.conversationId, 'write');
    return ctx.db.conversation.update({
      where: { id: input.conversationId },
      data: { title: input.title },
      select: { id: true, title: true },
    });
  });
