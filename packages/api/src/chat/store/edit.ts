import { Prisma, type Conversation, type Message } from '@lumi/db';
import type { LumiServices } from '../../context';
import { AppError } from '../../errors/app-error';

/**
 * An edit or a retry changes the history before its reply is opened. A retry finds the message to answer again; an
 * edit stores the new text and supersedes the old turn, which stays on record for the teacher but leaves the tutor's
 * context. A rejected edit changes nothing.
 */

type Db = LumiServices['db'];

/** The edited message as stored: its text, its token count and the model whose format the count is in. */
export interface EditedMessage {
  content: string;
  tokenCount: number;
  model: string;
  clientId: string;
}

/**
 * Stores an edit of the latest user message in one transaction; the same clientId sent twice stores one message
 * (the second gets the first one's row).
 */
export async function storeEdit(
  db: Db,
  conversation: Pick<Conversation, 'id'>,
  editOf: string,
  edited: EditedMessage,
  now: Date,
): Promise<Message> {
  try {
    return await db.$transaction(async (tx) => {
      const lastUser = await latestUserMessage(tx, conversation.id);
      if (!lastUser || lastUser.id !== editOf) {
        throw new AppError('NOT_EDITABLE', 'Only your latest message can be edited.');
      }
      const streaming = await tx.message.count({
        where: { conversationId: conversation.id, seq: { gt: lastUser.seq }, status: 'STREAMING' },
      });
      if (streaming > 0) throw new AppError('STILL_STREAMING', 'Stop the reply before editing your message.');
      await tx.message.updateMany({
        where: { conversationId: conversation.id, seq: { gte: lastUser.seq }, supersededAt: null },
        data: { supersededAt: now },
      });
      const message = await tx.message.create({
        data: { conversationId: conversation.id, role: 'USER', ...edited },
      });
      await tx.conversation.update({ where: { id: conversation.id }, data: { lastMessageAt: now } });
      return message;
    });
  } catch (error) {
    // The same edit sent twice at once: the second gets the first one's row.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      return db.message.findUniqueOrThrow({
        where: { conversationId_clientId: { conversationId: conversation.id, clientId: edited.clientId } },
      });
    }
    throw error;
  }
}

function latestUserMessage(db: Db | Prisma.TransactionClient, conversationId: string) {
  return db.message.findFirst({
    where: { conversationId, role: 'USER', supersededAt: null },
    orderBy: { seq: 'desc' },
  });
}

/** A retry answers the latest user message again; the reply it replaces leaves the context. */
export async function supersedeReply(
  db: Db,
  conversation: Pick<Conversation, 'id'>,
  replyId: string,
  now: Date,
): Promise<Message> {
  const [lastUser, failed] = await Promise.all([
    latestUserMessage(db, conversation.id),
    db.message.findFirst({
      where: { id: replyId, conversationId: conversation.id, role: 'ASSISTANT', supersededAt: null },
    }),
  ]);
  if (!failed || !lastUser || failed.seq < lastUser.seq) {
    throw new AppError('NOT_RETRYABLE', 'Only the latest reply can be retried.');
  }
  if (failed.status === 'STREAMING') throw new AppError('STILL_STREAMING', 'Stop the reply before retrying it.');
  await db.message.update({ where: { id: failed.id }, data: { supersededAt: now } });
  return lastUser;
}
