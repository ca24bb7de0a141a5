import { countMessageTokens, type ModelEntry } from '@lumi/chat-core';
import { Prisma, type Conversation, type Message } from '@lumi/db';
import type { LumiServices } from '../context';
import { AppError } from '../errors/app-error';
import type { SendMessageInput } from './send-message.types';

type Db = LumiServices['db'];

/**
 * An edit or a retry (plain sends go through storeSend in one statement). A retry finds the message to answer
 * again; an edit stores the new text and supersedes the old turn, which stays on record for the teacher but leaves
 * the tutor's context. A rejected edit changes nothing. The same clientId sent twice stores one message.
 */
export async function storeUserMessage(
  services: LumiServices,
  conversation: Conversation,
  input: Exclude<SendMessageInput, { kind: 'send' }>,
  model: ModelEntry,
): Promise<Message> {
  const { db } = services;
  if (input.kind === 'retry') return supersedeReply(db, conversation, input.retryOf, services.now());

  const data = {
    conversationId: conversation.id,
    role: 'USER' as const,
    content: input.content,
    tokenCount: countMessageTokens({ role: 'user', content: input.content }, model),
    // The model records which format the count is in (see history.ts).
    model: model.id,
    clientId: input.clientId,
  };
  try {
    return await db.$transaction(async (tx) => {
      const lastUser = await latestUserMessage(tx, conversation.id);
      if (!lastUser || lastUser.id !== input.editOf) {
        throw new AppError('NOT_EDITABLE', 'Only your latest message can be edited.');
      }
      const streaming = await tx.message.count({
        where: { conversationId: conversation.id, seq: { gt: lastUser.seq }, status: 'STREAMING' },
      });
      if (streaming > 0) throw new AppError('STILL_STREAMING', 'Stop the reply before editing your message.');
      await tx.message.updateMany({
        where: { conversationId: conversation.id, seq: { gte: lastUser.seq }, supersededAt: null },
        data: { supersededAt: services.now() },
      });
      const message = await tx.message.create({ data });
      await tx.conversation.update({ where: { id: conversation.id }, data: { lastMessageAt: services.now() } });
      return message;
    });
  } catch (error) {
    // The same edit sent twice at once: the second gets the first one's row.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      return db.message.findUniqueOrThrow({
        where: { conversationId_clientId: { conversationId: conversation.id, clientId: input.clientId } },
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
async function supersedeReply(db: Db, conversation: Conversation, replyId: string, now: Date): Promise<Message> {
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

export function titleFrom(content: string): string {
  const line = content.split('\n')[0]!.trim();
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}
