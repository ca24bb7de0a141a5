import type { Message } from '@lumi/db';
import type { LumiServices } from '../context';
import { settleTokens, utcDay } from './budget';
import { budgetScope } from './class-policy';
import { settleSpend, spendKey } from './spend-caps';

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

/** How a reply whose node went away is closed: the student sees it broke off and may try again. */
export const INTERRUPTED = { status: 'ERROR', finishReason: 'error', errorCode: 'INTERRUPTED' } as const;

/**
 * Closes a reply no node is generating any more, keeping its text, and gives back its budget reservation; true
 * when this caller closed it. The conditional update makes this safe to race: only one caller releases the
 * reservation. `unchangedSince` closes it only if nothing was written since it was read (its node was not alive).
 * Nothing is charged: the provider's counts went with the node, and a node that was only slow still settles the
 * reply itself, with its usage, when it comes back.
 */
export async function closeOrphanedReply(
  services: LumiServices,
  message: Message,
  outcome: { status: 'STOPPED' | 'ERROR'; finishReason: string; errorCode: string | null },
  unchangedSince?: Date,
): Promise<boolean> {
  const closed = await services.db.message.updateMany({
    where: { id: message.id, status: 'STREAMING', ...(unchangedSince && { updatedAt: unchangedSince }) },
    data: { ...outcome, reservedTokens: 0, reservedMicros: 0 },
  });
  if (closed.count !== 1) return false;
  if (message.reservedTokens === 0 && message.reservedMicros === 0) return true;
  const conversation = await services.db.conversation.findUniqueOrThrow({
    where: { id: message.conversationId },
    select: { studentId: true, classId: true, class: { select: { teacherId: true } } },
  });
  const key = {
    userId: conversation.studentId,
    scope: budgetScope(conversation.classId ? { id: conversation.classId } : null),
    day: utcDay(message.createdAt),
  };
  await settleTokens(services.db, key, message.reservedTokens, 0);
  await settleSpend(
    services.db,
    spendKey(conversation.class?.teacherId ?? null, message.createdAt),
    message.reservedMicros,
    0,
  );
  return true;
}

/** How often each node looks for orphaned replies nobody is watching (the student closed the tab). */
export const SWEEP_EVERY_MS = 30_000;

/**
 * Closes the replies left STREAMING by a node that went away (killed, crashed, drained past its time) that no
 * student comes back to: every live node runs this, and the conditional close lets exactly one of them close each
 * reply. Returns how many this node closed.
 */
export async function sweepOrphanedReplies(services: LumiServices): Promise<number> {
  const stale = await services.db.message.findMany({
    where: { status: 'STREAMING', updatedAt: { lt: new Date(services.now().getTime() - ORPHAN_AFTER_MS) } },
    orderBy: { updatedAt: 'asc' },
    take: 100,
  });
  let closed = 0;
  for (const message of stale) {
    if (isOrphaned(services, message) && (await closeOrphanedReply(services, message, INTERRUPTED, message.updatedAt)))
      closed++;
  }
  return closed;
}

/** Runs the sweep every SWEEP_EVERY_MS on this node (the web app calls it once per node); returns what stops it. */
export function sweepOrphansEvery(services: LumiServices, ms = SWEEP_EVERY_MS): () => void {
  const timer = setInterval(() => {
    sweepOrphanedReplies(services).then(
      (closed) => closed > 0 && services.log.info({ closed }, 'closed replies orphaned by a node that went away'),
      (error: unknown) => services.log.warn({ err: error }, 'the sweep for orphaned replies failed'),
    );
  }, ms);
  // A sweep alone never keeps the process alive.
  timer.unref();
  return () => clearInterval(timer);
}
