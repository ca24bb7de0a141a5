import { signedInProcedure } from '../trpc';
import { loadConversation } from './conversation-access';
import { exportConversationInput } from './conversation.types';

export const exportConversationRoute = signedInProcedure
  .input(exportConversationInput)
  .query(async ({ ctx, input }) => {
    const conversation = await loadConversation(ctx, ctx.user, input.conversationId, 'read');
    const messages = await ctx.db.message.findMany({
      where: { conversationId: conversation.id, supersededAt: null },
      orderBy: { seq: 'asc' },
      select: { role: true, content: true, status: true, model: true, tokenCount: true, createdAt: true },
    });
    const slug = conversation.title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'session';
    if (input.format === 'json') {
      const body = {
        title: conversation.title,
        mode: conversation.mode,
        model: conversation.model,
        persona: conversation.persona,
        createdAt: conversation.createdAt,
        messages,
      };
      return { filename: `${slug}.json`, mimeType: 'application/json', content: JSON.stringify(body, null, 2) };
    }
    const lines = [`# ${conversation.title}`, '', `Mode: ${conversation.mode} · Model: ${conversation.model}`, ''];
    for (const m of messages) {
      const who = m.role === 'USER' ? 'You' : 'Tutor';
      const note = m.status === 'STOPPED' ? ' (stopped)' : m.status === 'ERROR' ? ' (incomplete)' : '';
      lines.push(`## ${who}${note}`, '', m.content, '');
    }
    return { filename: `${slug}.md`, mimeType: 'text/markdown', content: lines.join('\n') };
  });
