import { teacherProcedure } from '../trpc';
import type { Context, SessionUser } from '../context';
import { recordAccess } from './access-log';
import { loadClassConversation } from './class-conversation';
import { flagCategories } from './flag-categories';
import { transcriptInput } from './get-transcript.types';
import { transcriptMessageFields } from '../conversations/transcript-fields';

/**
 * A class session as the teacher reads it: every message, superseded edits included, each with its tokens, cost,
 * model, status and flags in place. Reading it is written to the access log.
 */
export async function classTranscript(ctx: Pick<Context, 'db'>, user: SessionUser, conversationId: string) {
  const conversation = await loadClassConversation(ctx, user, conversationId);
  const [messages, usage, flags] = await Promise.all([
    ctx.db.message.findMany({
      where: { conversationId },
      orderBy: { seq: 'asc' },
      select: transcriptMessageFields,
    }),
    ctx.db.usageEvent.findMany({
      where: { conversationId },
      select: { messageId: true, kind: true, promptTokens: true, completionTokens: true, costMicros: true },
    }),
    ctx.db.moderationFlag.findMany({
      where: { conversationId },
      orderBy: { createdAt: 'asc' },
      select: {
        id: true,
        messageId: true,
        categories: true,
        refused: true,
        reviewedAt: true,
        createdAt: true,
        reviewedBy: { select: { name: true } },
      },
    }),
    // Written alongside the reads rather than after them (its commit waits for the disk); if it fails, nothing is
    // returned, so no transcript is shown unlogged.
    recordAccess(ctx, user, {
      action: 'TRANSCRIPT_VIEW',
      classId: conversation.class.id,
      studentId: conversation.studentId,
      conversationId,
    }),
  ]);

  const usageByMessage = new Map<string, { promptTokens: number; completionTokens: number; costMicros: number }>();
  for (const u of usage) {
    if (!u.messageId) continue;
    const sum = usageByMessage.get(u.messageId) ?? { promptTokens: 0, completionTokens: 0, costMicros: 0 };
    sum.promptTokens += u.promptTokens;
    sum.completionTokens += u.completionTokens;
    sum.costMicros += u.costMicros;
    usageByMessage.set(u.messageId, sum);
  }
  return {
    id: conversation.id,
    title: conversation.title,
    mode: conversation.mode,
    model: conversation.model,
    persona: conversation.persona,
    createdAt: conversation.createdAt,
    lastMessageAt: conversation.lastMessageAt,
    deletedByStudent: conversation.deletedAt !== null,
    class: { id: conversation.class.id, name: conversation.class.name },
    student: conversation.student,
    totals: {
      tokens: usage.reduce((sum, u) => sum + u.promptTokens + u.completionTokens, 0),
      costMicros: usage.reduce((sum, u) => sum + u.costMicros, 0),
    },
    messages: messages.map((m) => ({
      ...m,
      usage: usageByMessage.get(m.id) ?? null,
      flags: flags
        .filter((f) => f.messageId === m.id)
        .map((f) => ({
          id: f.id,
          categories: flagCategories(f.categories),
          refused: f.refused,
          createdAt: f.createdAt,
          reviewedAt: f.reviewedAt,
          reviewedBy: f.reviewedBy?.name ?? null,
        })),
    })),
  };
}

export const getTranscriptRoute = teacherProcedure
  .input(transcriptInput)
  .query(({ ctx, input }) => classTranscript(ctx, ctx.user, input.conversationId));
