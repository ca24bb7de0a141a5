import type { Message } from '@lumi/db';
import type { LumiServices } from '../context';
import { settleTokens, utcDay } from './budget';
import { budgetScope } from './class-policy';

/**
 * A running reply writes its text through every second; one that has not been touched for this long lost the node
 * that generated it (a crash or a redeploy).
 */
export const ORPHAN_AFTER_MS = 2 * 60_000;

export function isOrphaned(services: LumiServices, message: Message): boolean {
  return (
    message.status === 'STREAMING' &&
    !services.generations.get(message.id) &&
    services.now().getTime() - message.updatedAt.getTime() > ORPHAN_AFTER_MS
  );
}

/**
 * Closes a reply no node is generating any more, keeping its text, and gives back its budget reservation.
 * The conditional update makes this safe to race: only one caller releases the reservation.
 */
export async function closeOrphanedReply(
  services: LumiServices,
  message: Message,
  outcome: { status: 'STOPPED' | 'ERROR'; finishReason: string; errorCode: string | null },
): Promise<void> {
  const closed = await services.db.message.updateMany({
    where: { id: message.id, status: 'STREAMING' },
    data: { ...outcome, reservedTokens: 0 },
  });
  if (closed.count !== 1 || message.reservedTokens === 0) return;
  const conversation = await services.db.conversation.findUniqueOrThrow({
    where: { id: message.conversationId },
    select: { studentId: true, classId: true },
  });
  const key = {
    userId: conversation.studentId,
    scope: budgetScope(conversation.classId ? { id: conversation.classId } : null),
    day: utcDay(message.createdAt),
  };
  await settleTokens(services.db, key, message.reservedTokens, 0);
}
