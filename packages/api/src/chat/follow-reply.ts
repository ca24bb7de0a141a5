import type { Message } from '@lumi/db';
import type { LumiServices } from '../context';
import { isErrorCode } from '../errors/codes';
import type { Generation } from './generation';
import { INTERRUPTED, closeOrphanedReply, isOrphaned } from './orphaned-reply';
import type { TurnEvent } from './turn-events';

/** How often a reply generated on another node is re-read while it streams. */
const POLL_MS = 250;

/**
 * Every event of a reply from now on, in batches meant for one write each: the text so far as one delta, then live
 * deltas, then `done` or `error`. Works wherever the reply is: running on this node, running on another node (read
 * through Postgres), or done.
 */
export async function* followReply(
  services: LumiServices,
  assistantMessageId: string,
  signal?: AbortSignal,
): AsyncGenerator<TurnEvent[]> {
  const local = services.generations.get(assistantMessageId);
  if (local) {
    yield* followGeneration(local, signal);
    return;
  }
  let sent = 0;
  for (;;) {
    const message = await services.db.message.findUnique({ where: { id: assistantMessageId } });
    if (!message) return;
    const fresh: TurnEvent[] =
      message.content.length > sent ? [{ type: 'delta', text: message.content.slice(sent) }] : [];
    sent = message.content.length;
    if (isOrphaned(services, message)) {
      if (fresh.length > 0) yield fresh;
      await closeOrphanedReply(services, message, INTERRUPTED, message.updatedAt);
      continue;
    }
    if (message.status !== 'STREAMING') {
      yield [...fresh, await finalEvent(services, message)];
      return;
    }
    if (fresh.length > 0) yield fresh;
    if (signal?.aborted) return;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * After the first delta (sent at once: it is the time to first token), deltas go out at most once a frame, joined:
 * text read at 20 updates a second looks the same, and every write costs the server and the browser a wake-up
 * (the benchmark's paced run halves its writes). Final events are never held back.
 */
export const DELTA_FRAME_MS = 50;

async function* followGeneration(generation: Generation, signal?: AbortSignal): AsyncGenerator<TurnEvent[]> {
  const queue: TurnEvent[] = [];
  let wake: (() => void) | null = null;
  let holding = false;
  const unsubscribe = generation.subscribe((event) => {
    queue.push(event);
    // A held frame is cut short only by the end of the reply (or by the browser leaving).
    if (!holding || event.type !== 'delta') wake?.();
  });
  const onAbort = () => wake?.();
  signal?.addEventListener('abort', onAbort);
  let lastDeltaAt = -Infinity;
  try {
    for (;;) {
      const untilFrame = lastDeltaAt + DELTA_FRAME_MS - performance.now();
      if (untilFrame > 0 && queue.length > 0 && queue.every((e) => e.type === 'delta') && !signal?.aborted) {
        holding = true;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, untilFrame);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        holding = false;
        wake = null;
      }
      const batch = takeBatch(queue);
      if (batch.length > 0) {
        if (batch[0]!.type === 'delta') lastDeltaAt = performance.now();
        yield batch;
        if (batch.some((e) => e.type === 'done' || e.type === 'error')) return;
        continue;
      }
      if (signal?.aborted) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    unsubscribe();
    signal?.removeEventListener('abort', onAbort);
  }
}

/** Everything waiting, deltas joined into one: one write instead of many. */
function takeBatch(queue: TurnEvent[]): TurnEvent[] {
  const batch: TurnEvent[] = [];
  for (const event of queue.splice(0)) {
    const last = batch.at(-1);
    if (event.type === 'delta' && last?.type === 'delta') last.text += event.text;
    else batch.push(event.type === 'delta' ? { ...event } : event);
  }
  return batch;
}

async function finalEvent(services: LumiServices, message: Message): Promise<TurnEvent> {
  if (message.status === 'ERROR') {
    return {
      type: 'error',
      // Every code a reply is closed with is in the vocabulary; a row from before it says only that it broke off.
      code: isErrorCode(message.errorCode) ? message.errorCode : 'INTERRUPTED',
      message: 'The tutor could not finish this reply. Try again.',
      retryable: true,
    };
  }
  const usage = await services.db.usageEvent.findFirst({
    where: { messageId: message.id, kind: { in: ['CHAT', 'EXERCISE'] } },
  });
  return {
    type: 'done',
    status: message.status === 'STOPPED' ? 'STOPPED' : 'COMPLETE',
    finishReason: message.finishReason ?? 'stop',
    usage: {
      promptTokens: usage?.promptTokens ?? 0,
      completionTokens: usage?.completionTokens ?? 0,
      cachedTokens: usage?.cachedTokens ?? 0,
    },
  };
}
