import { recordOverseerRead } from '../teacher/access-log';
import { signedInProcedure } from '../trpc';
import { loadConversation } from './conversation-access';
import { exportConversationInput } from './conversation.types';
import { EXPORT_TEXT, MODE_NAMES } from './export-text';
import { literalLine, literalText, tutorMarkdown } from './markdown-escape';

export const exportConversationRoute = signedInProcedure
  .input(exportConversationInput)
  .query(async ({ ctx, input }) => {
    const conversation = await loadConversation(ctx, ctx.user, input.conversationId, 'read');
    const messages = await ctx.db.message.findMany({
      where: { conversationId: conversation.id, supersededAt: null },
      orderBy: { seq: 'asc' },
      select: { role: true, content: true, status: true, model: true, tokenCount: true, createdAt: true },
    });
    await recordOverseerRead(
      ctx,
      ctx.user,
      { ...conversation, conversationId: conversation.id },
      'EXPORT_TRANSCRIPTS',
      { kind: 'oneSession', format: input.format },
    );
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
    const text = EXPORT_TEXT[input.locale];
    const mode = MODE_NAMES[input.locale][conversation.mode];
    const lines = [
      `# ${literalLine(conversation.title)}`,
      '',
      `${text.mode}: ${mode} · ${text.model}: ${conversation.model}`,
      '',
    ];
    for (const m of messages) {
      const who = m.role === 'USER' ? text.you : text.tutor;
      const note = m.status === 'STOPPED' ? ` (${text.stopped})` : m.status === 'ERROR' ? ` (${text.incomplete})` : '';
      const body = m.role === 'USER' ? literalText(m.content) : tutorMarkdown(m.content);
      lines.push(`## ${who}${note}`, '', body, '');
    }
    return { filename: `${slug}.md`, mimeType: 'text/markdown', content: lines.join('\n') };
  });
