import type { Message } from '@lumi/db';
import type { LumiServices } from '../context';
import type { SendMessageInput } from './send-message.types';
import { editStored, replyFor, retriedAt } from './store/replay';

/** How long a copy waits for the first copy's reply to be stored: the first may be waiting for moderation. */
const WAIT_MS = 10_000;
const POLL_MS = 50;

/**
 * Copies of one edit or retry (same clientId: a double click, a resend after a dropped connection, two nodes) that
 * arrive while the first copy is being made find the history already changed by it, so the edit or the retry no
 * longer applies to them. Such a copy waits for the first copy's reply, touching nothing (no budget, no rows), and
 * is answered with it; null when no copy is in flight, so the request's own refusal stands.
 */
export async function firstCopyReply(
  services: LumiServices,
  conversationId: string,
  input: Exclude<SendMessageInput, { kind: 'send' }>,
): Promise<Message | null> {
  if (!(await copyInFlight(services, conversationId, input))) return null;
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const reply = await replyFor(services.db, conversationId, input.clientId);
    if (reply || Date.now() >= deadline) return reply;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** An edit stored its message under the clientId; a retry set aside the reply it retries moments ago. */
async function copyInFlight(
  services: LumiServices,
  conversationId: string,
  input: Exclude<SendMessageInput, { kind: 'send' }>,
): Promise<boolean> {
  if (input.kind === 'edit') return editStored(services.db, conversationId, input.clientId);
  const retried = await retriedAt(services.db, conversationId, input.retryOf);
  return !!retried && services.now().getTime() - retried.getTime() < WAIT_MS;
}
