import type { Conversation, Message, UiLanguage } from '@lumi/db';
import type { LumiServices } from '../../context';
import type { RequestErrorCode } from '../../errors/codes';
import { replyClientId } from './ids';
import type { PendingSend } from './reply';

/** Replies that are not generated: a kind refusal of a flagged message, and a failed turn's reply. */

type Db = LumiServices['db'];

export async function studentLanguage(db: Db, studentId: string): Promise<UiLanguage> {
  const student = await db.user.findUniqueOrThrow({ where: { id: studentId }, select: { language: true } });
  return student.language;
}

/**
 * Stores a refusal in place of a reply; a plain send's message (`pending`) is stored with it, in one transaction
 * that also touches the conversation and titles it if it is new.
 */
export async function storeRefusalReply(
  db: Db,
  conversation: Pick<Conversation, 'id' | 'title'>,
  refusal: { content: string; tokenCount: number; model: string; clientId: string },
  pending: PendingSend | null,
): Promise<Pick<Message, 'id'>> {
  const data = {
    conversationId: conversation.id,
    role: 'ASSISTANT' as const,
    content: refusal.content,
    tokenCount: refusal.tokenCount,
    model: refusal.model,
    status: 'COMPLETE' as const,
    finishReason: 'content_filter',
    clientId: replyClientId(refusal.clientId),
  };
  if (!pending) return db.message.create({ data, select: { id: true } });
  return db.$transaction(async (tx) => {
    await tx.message.create({
      data: {
        id: pending.id,
        conversationId: conversation.id,
        role: 'USER',
        content: pending.content,
        tokenCount: pending.tokenCount,
        model: pending.model,
        clientId: pending.clientId,
      },
    });
    await tx.conversation.update({
      where: { id: conversation.id },
      data: {
        lastMessageAt: pending.now,
        ...(conversation.title === 'New session' && { title: pending.title }),
      },
    });
    return tx.message.create({ data, select: { id: true } });
  });
}

/** A turn that failed after it changed the history keeps its failure as the reply, for a repeated request too. */
export async function storeFailedReply(
  db: Db,
  conversationId: string,
  clientId: string,
  model: string,
  code: RequestErrorCode,
): Promise<void> {
  await db.message.create({
    data: {
      conversationId,
      role: 'ASSISTANT',
      content: '',
      tokenCount: 0,
      model,
      status: 'ERROR',
      errorCode: code,
      clientId: replyClientId(clientId),
    },
  });
}
