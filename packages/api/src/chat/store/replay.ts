import type { Message } from '@lumi/db';
import type { LumiServices } from '../../context';
import { replyClientId } from './ids';

/** What a repeated request reads to be answered with the turn it already made, touching nothing. */

type Db = LumiServices['db'];

/** The reply made for a request's clientId, if any. */
export function replyFor(db: Db, conversationId: string, clientId: string): Promise<Message | null> {
  return db.message.findUnique({
    where: { conversationId_clientId: { conversationId, clientId: replyClientId(clientId) } },
  });
}

/** The student's message a reply answers: the latest before it. */
export function userMessageBefore(db: Db, conversationId: string, seq: number) {
  return db.message.findFirst({
    where: { conversationId, role: 'USER', seq: { lt: seq } },
    orderBy: { seq: 'desc' },
    select: { id: true },
  });
}

/** An edit stored its message under the clientId. */
export async function editStored(db: Db, conversationId: string, clientId: string): Promise<boolean> {
  const edited = await db.message.findUnique({
    where: { conversationId_clientId: { conversationId, clientId } },
    select: { id: true },
  });
  return edited !== null;
}

/** When a retry set aside the reply it retries (null: it did not). */
export async function retriedAt(db: Db, conversationId: string, replyId: string): Promise<Date | null> {
  const retried = await db.message.findFirst({
    where: { id: replyId, conversationId },
    select: { supersededAt: true },
  });
  return retried?.supersededAt ?? null;
}
