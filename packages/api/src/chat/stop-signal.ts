import { listen, type Listener, type Message } from '@lumi/db';
import type { LumiServices } from '../context';
import { closeOrphanedReply } from './orphaned-reply';
import { STOP_CHANNEL, announceStop, readReply, replyStatus } from './store/orphan';

/** How long a stop waits for the generating node to save the reply before closing it as orphaned. */
const SETTLE_WAIT_MS = 2_000;
const SETTLE_POLL_MS = 50;

/**
 * Lets a Stop asked through another node halt a generation running on this one (the web app calls it once per
 * node). Without it such a Stop still ends the reply, after stopElsewhere's wait, by closing it in the database;
 * this node then generates on until its next flush notices.
 */
export function listenForStops(services: LumiServices): Listener {
  return listen(services.db, STOP_CHANNEL, (messageId) => services.generations.get(messageId)?.stop());
}

/**
 * Stops a reply streaming on another node, or on none (its node went away): asks every node to stop it, waits
 * for the one generating it to save its text and usage, and closes it here if nobody does.
 */
export async function stopElsewhere(services: LumiServices, message: Message): Promise<void> {
  await announceStop(services.db, message.id);
  const deadline = Date.now() + SETTLE_WAIT_MS;
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
    if ((await replyStatus(services.db, message.id)) !== 'STREAMING') return;
  }
  // Closed as it is now: a node alive but deaf to the stop may still be writing it, so a close that lost to a write
  // reads it again.
  for (let attempt = 0; attempt < CLOSE_ATTEMPTS; attempt++) {
    const now = await readReply(services.db, message.id);
    if (now.status !== 'STREAMING') return;
    if (await closeOrphanedReply(services, now, STOPPED, now.updatedAt)) return;
  }
}

const STOPPED = { status: 'STOPPED', finishReason: 'stopped', errorCode: null } as const;
const CLOSE_ATTEMPTS = 5;
