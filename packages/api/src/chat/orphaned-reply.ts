import { costMicros, countMessageTokens, countTokens } from '@lumi/chat-core';
import type { Message } from '@lumi/db';
import type { LumiServices } from '../context';
import { utcDay } from './budget';
import { budgetScope } from './class-policy';
import { spendKey } from './spend-caps';
import { replyPayer, staleReplies } from './store/orphan';
import { settleReply } from './store/reply';

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
 * Closes a reply no node is generating any more, keeping its text, gives back its reservations and charges what was
 * generated: the prompt tokens stored when the reply opened and Lumi's own count of the saved text (the provider's
 * counts went with the node), never more than was reserved. True when this caller closed it. It is closed only if
 * nothing was written to it since `unchangedSince` (its node was not alive), and in one statement with the charge
 * (settleReply), so of two nodes closing it at once only one charges; a node that was only slow and settles the reply
 * later keeps its text but never charges it again (one usage row a reply). A reply with no text charges nothing, as
 * an upstream that failed before the first token does.
 */
export async function closeOrphanedReply(
  services: LumiServices,
  message: Message,
  outcome: { status: 'STOPPED' | 'ERROR'; finishReason: string; errorCode: string | null },
  unchangedSince: Date,
): Promise<boolean> {
  const conversation = await replyPayer(services.db, message.conversationId);
  const model = message.model ?? '';
  const entry = services.catalog.get(model);
  const text = message.content;
  const spent = {
    promptTokens: text ? message.promptTokens : 0,
    completionTokens: text ? countTokens(text, entry ?? model) : 0,
    cachedTokens: 0,
  };
  const used = Math.min(spent.promptTokens + spent.completionTokens, message.reservedTokens);
  const cost = entry ? costMicros(spent, entry) : 0;
  return settleReply(services.db, {
    assistantMessageId: message.id,
    conversationId: message.conversationId,
    unchangedSince,
    result: {
      content: text,
      tokenCount: text ? countMessageTokens({ role: 'assistant', content: text }, entry ?? model) : 0,
      ttftMs: message.ttftMs,
      latencyMs: message.latencyMs,
    },
    outcome,
    usage:
      used > 0
        ? {
            userId: conversation.studentId,
            classId: conversation.classId,
            model,
            ...spent,
            costMicros: cost,
          }
        : null,
    key: {
      userId: conversation.studentId,
      scope: budgetScope(conversation.classId ? { id: conversation.classId } : null),
      day: utcDay(message.createdAt),
    },
    reserved: message.reservedTokens,
    used,
    spend: {
      key: spendKey(conversation.class?.teacherId ?? null, message.createdAt),
      reserved: message.reservedMicros,
      spent: Math.min(cost, message.reservedMicros),
    },
    now: message.updatedAt,
  });
}

/** How often each node looks for orphaned replies nobody is watching (the student closed the tab). */
export const SWEEP_EVERY_MS = 30_000;

/**
 * Closes the replies left STREAMING by a node that went away (killed, crashed, drained past its time) that no
 * student comes back to: every live node runs this, and the conditional close lets exactly one of them close each
 * reply. Returns how many this node closed.
 */
export async function sweepOrphanedReplies(services: LumiServices): Promise<number> {
  const stale = await staleReplies(services.db, new Date(services.now().getTime() - ORPHAN_AFTER_MS));
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
