import { z } from 'zod';
import { loadConversation } from '../conversations/conversation-access';
import { studentProcedure } from '../trpc';
import { stopElsewhere } from './stop-signal';
import { AppError } from '../errors/app-error';

export const stopReplyInput = z.object({ messageId: z.string().min(1).max(64) });

/** Stops a streaming reply; the partial text is kept (status STOPPED) and only the tokens used are charged. */
export const stopReplyRoute = studentProcedure.input(stopReplyInput).mutation(async ({ ctx, input }) => {
  const message = await ctx.db.message.findUnique({ where: { id: input.messageId } });
  if (!message || message.role !== 'ASSISTANT') throw new AppError('NOT_FOUND', 'No such reply.');
  await loadConversation(ctx, ctx.user, message.conversationId, 'write');

  const generation = ctx.generations.get(message.id);
  if (generation) {
    generation.stop();
    await generation.finished;
  } else if (message.status === 'STREAMING') {
    await stopElsewhere(ctx, message);
  }
  const after = await ctx.db.message.findUniqueOrThrow({
    where: { id: message.id },
    select: { id: true, status: true, content: true },
  });
  return after;
});
