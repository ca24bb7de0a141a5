import type { AttemptData } from './attempt-data';

/**
 * Whether a roleplay's page is waiting on the server's step after a reply (docs/chat-protocol.md): a card being
 * made for a finished turn, or an end (turn limit, every goal met) and its report being written. The page polls the
 * attempt while this holds; the server does the work whether or not the page is open.
 */
export function awaitsServer(view: AttemptData): boolean {
  if (!view.scenario) return false;
  if (view.status === 'FINISHED') return view.report === null;
  const lastReply = view.messages.at(-1);
  const lastSettled = lastReply?.role === 'ASSISTANT' && lastReply.status !== 'STREAMING' && view.turnsTaken > 0;
  if (!lastSettled) return false;
  if (view.turnsTaken >= view.scenario.turnLimit || view.objectives.every((o) => o.met)) return true;
  if (!view.feedbackEachTurn) return false;
  const cards = new Map(view.cards.map((c) => [c.messageId, c]));
  return view.messages.some((m, i) => {
    if (m.role !== 'USER') return false;
    const reply = view.messages.slice(i + 1).find((r) => r.role === 'ASSISTANT');
    return reply !== undefined && reply.status !== 'STREAMING' && (cards.get(m.id)?.status ?? 'PENDING') === 'PENDING';
  });
}

/** How often the page asks while it waits: about one grading call's time. */
export const AWAIT_POLL_MS = 1000;
