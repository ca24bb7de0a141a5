import type { Message } from '@lumi/db';
import { prepareStatement, qb, sql, type Params } from '@lumi/db/statement';
import type { LumiServices } from '../../context';

/**
 * What closing a reply from outside its own node reads and says: a Stop asked through another node, and a reply
 * whose node went away (orphaned-reply.ts). The close itself is settleReply (reply.ts).
 */

type Db = LumiServices['db'];

/** Every node listens here; the payload is the id of an assistant message to stop. */
export const STOP_CHANNEL = 'lumi_stop_reply';

const announceStopStatement = prepareStatement('lumi_announce_stop', (_, p: Params<{ messageId: string }>) =>
  qb.selectNoFrom(sql<string>`pg_notify(${STOP_CHANNEL}::text, ${p.messageId}::text)`.as('notified')),
);

/** Asks every node to stop generating a reply. */
export async function announceStop(db: Db, messageId: string): Promise<void> {
  await announceStopStatement.run(db, { messageId });
}

export function readReply(db: Db, id: string): Promise<Message> {
  return db.message.findUniqueOrThrow({ where: { id } });
}

export async function replyStatus(db: Db, id: string): Promise<Message['status']> {
  const reply = await db.message.findUniqueOrThrow({ where: { id }, select: { status: true } });
  return reply.status;
}

/** Who pays for a reply: its conversation's student, and the class (with its teacher) it is charged to. */
export function replyPayer(db: Db, conversationId: string) {
  return db.conversation.findUniqueOrThrow({
    where: { id: conversationId },
    select: { studentId: true, classId: true, class: { select: { teacherId: true } } },
  });
}

/** Replies still STREAMING that nothing wrote to since `before`, oldest first, a batch at a time. */
export function staleReplies(db: Db, before: Date): Promise<Message[]> {
  return db.message.findMany({
    where: { status: 'STREAMING', updatedAt: { lt: before } },
    orderBy: { updatedAt: 'asc' },
    take: 100,
  });
}
