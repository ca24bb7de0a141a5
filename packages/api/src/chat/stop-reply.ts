import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { loadConversation } from '../conversations/conversation-access';
import { studentProcedure } from '../trpc';
import { settleTokens, utcDay } from './budget';
import { budgetScope } from './class-policy';

export const stopReplyInput = z.object({ messageId: z.string().min(1).max(64) });

/** Stops a streaming reply; the partial text is kept (status STOPPED) and only the tokens used are charged. */
export const stopReplyRoute = studentProcedure.input(stopReplyInput).mutation(async ({ ctx, input }) => {
  const message = await ctx.db.message.findUnique({ where: { id: input.messageId } });
  if (!message || message.role !== 'ASSISTANT') throw new TRPCError({ code: 'NOT_FOUND', message: 'No such reply.' });
  const conversation = await loadConversation(ctx, ctx.user, message.conversationId, 'write');

  const generation = ctx.generations.get(message.id);
  if (generation) {
    generation.stop();
    await generation.finished;
  } else if (message.status === 'STREAMING') {
    // Orphaned by a node that went away: close it here and release what it had reserved.
    const updated = await ctx.db.message.updateMany({
      where: { id: message.id, status: 'STREAMING' },
      data: { status: 'STOPPED', finishReason: 'stopped', reservedTokens: 0 },
    });
    if (updated.count === 1 && message.reservedTokens > 0) {
      const key = { userId: conversation.studentId, scope: budgetScope(conversation.class), day: utcDay(message.createdAt) };
      await settleTokens(ctx.db, key, message.reservedTokens, 0);
    }
  }
  const after = await ctx.db.message.findUniqueOrThrow({ where: { id: message.id }, select: { id: true, status: true, content: true } });
  return after;
});
