import { createOfflineModerator } from '@lumi/chat-core';
import type { LumiServices, SessionUser } from '../../context';
import { AppError } from '../../errors/app-error';
import type { ReleaseTurn } from '../../practice/before-send';
import { studentModels } from '../../admin/personal-choice';
import { chatRateLimit } from '../../shared/rate-limit';
import { toHistory } from '../history';
import type { SendMessageInput } from '../send-message.types';
import { openSend, openTurn } from '../store/send';
import { replayStart } from '../turn-messages';
import type { Admitted, Phase, Verdict } from './types';

/**
 * Phase 1, admit (docs/chat-protocol.md): only a student, only in their own live conversation of a class they may
 * still write in, within the rate limit and with a model the class allows. One round trip reads the conversation
 * and counts the rate-limit hit (a plain send's history with them); a repeated request is answered with the turn it
 * already made, whatever the rate limit says now. A roleplay's send claims its turn here (practice/before-send.ts);
 * the turn gives it back if it refuses the send after that.
 */
export async function admit(
  services: LumiServices,
  user: SessionUser,
  input: SendMessageInput,
): Promise<Phase<Admitted>> {
  if (user.role !== 'STUDENT') throw new AppError('FORBIDDEN', 'Only students hold tutoring sessions.');
  const turn = {
    userId: user.id,
    conversationId: input.conversationId,
    clientId: input.clientId,
    rule: chatRateLimit(services.chatRateLimit),
    now: services.now(),
  };
  const opening =
    input.kind === 'send' ? await openSend(services.db, turn) : { ...(await openTurn(services.db, turn)), history: [] };
  const { conversation, existing, rateLimit: limit } = opening;
  if (!conversation) throw new AppError('NOT_FOUND', 'No such conversation.');
  if (existing) return { done: await replayStart(services, conversation, existing) };
  if (!opening.mayWrite) {
    throw new AppError('FORBIDDEN', 'This class is closed to you: it was archived, or you are no longer in it.');
  }
  // A roleplay past its turn limit (or ended) takes no new message: refused before anything is stored or charged.
  // A send that passes may hold the roleplay's turn; refused from here on, it gives the turn back.
  const releaseTurn = input.kind === 'send' ? await services.beforeSend(conversation) : holdsNoTurn;
  return givingTurnBack(releaseTurn, async () => {
    if (!limit.allowed) {
      throw new AppError(
        'RATE_LIMITED',
        'You are sending messages very fast. Take a breath and try again shortly.',
        limit.resetAt,
      );
    }
    // Moderation is a network call (and may cost money): made only for the owner of the conversation within the
    // rate limit, started now and waited for only before the provider would see the text (phase 3).
    const moderation = input.kind === 'retry' ? null : moderate(services, input.content);

    const klass = conversation.class;
    const allowed = await studentModels(services, klass);
    const requested = input.model ?? conversation.model;
    if (input.model !== undefined && !allowed.includes(input.model)) {
      throw new AppError('MODEL_NOT_ALLOWED', `The model "${input.model}" is not allowed in this class.`);
    }
    const preferred = services.catalog.require(allowed.includes(requested) ? requested : allowed[0]!);
    const history = opening.history.map((m) => toHistory(m, services.catalog));
    return {
      next: { services, user, input, conversation, klass, history, allowed, preferred, moderation, releaseTurn },
    };
  });
}

const holdsNoTurn: ReleaseTurn = async () => {};

/**
 * Runs the part of a turn after its roleplay turn was claimed (services.beforeSend): a refusal there (an AppError,
 * or any failure) gives the turn back before it is answered, so the learner's next send may take it at once.
 */
export async function givingTurnBack<T>(releaseTurn: ReleaseTurn, rest: () => Promise<T>): Promise<T> {
  try {
    return await rest();
  } catch (error) {
    await releaseTurn();
    throw error;
  }
}

/**
 * The moderation verdict. When the moderation service cannot answer after its retries, Lumi's offline patterns
 * screen the text instead and `unavailable` says so: a class that fails closed then refuses the turn (phase 3);
 * elsewhere the turn goes on (the provider's own filters still apply). README, "Moderation".
 */
export async function moderate(services: LumiServices, text: string): Promise<Verdict> {
  try {
    return { ...(await services.moderator.check(text)), unavailable: false };
  } catch (error) {
    services.log.warn({ err: error }, 'moderation failed; the offline patterns screened the message');
    return { ...(await offlineModerator.check(text)), unavailable: true };
  }
}
const offlineModerator = createOfflineModerator();
