import { seesPrices } from '../classes/prices-visible';
import { recordOverseerRead } from '../teacher/access-log';
import { signedInProcedure } from '../trpc';
import { loadConversation } from './conversation-access';
import { conversationIdInput } from './conversation.types';
import { transcriptMessageFields } from './transcript-fields';

export const getConversationRoute = signedInProcedure.input(conversationIdInput).query(async ({ ctx, input }) => {
  const conversation = await loadConversation(ctx, ctx.user, input.conversationId, 'read');
  const messages = await ctx.db.message.findMany({
    where: { conversationId: conversation.id, supersededAt: null },
    orderBy: { seq: 'asc' },
    // The student's client also needs each message's clientId, to match a reply it is still streaming.
    select: { ...transcriptMessageFields, clientId: true },
  });
  const totals = await ctx.db.usageEvent.aggregate({
    where: { conversationId: conversation.id },
    _sum: { promptTokens: true, completionTokens: true, costMicros: true },
  });
  await recordOverseerRead(ctx, ctx.user, { ...conversation, conversationId: conversation.id }, 'TRANSCRIPT_VIEW', {
    kind: 'session',
  });
  const { class: klass, ...rest } = conversation;
  return {
    ...rest,
    className: klass?.name ?? null,
    messages,
    usage: {
      tokens: (totals._sum.promptTokens ?? 0) + (totals._sum.completionTokens ?? 0),
      costMicros: seesPrices(ctx.user, klass) ? (totals._sum.costMicros ?? 0) : null,
    },
  };
});
