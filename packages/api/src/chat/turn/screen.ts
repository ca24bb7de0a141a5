import { failTurn, storeRefusal } from '../turn-messages';
import { storeFlag } from '../store/flag';
import { AppError } from '../../errors/app-error';
import { moderate } from './admit';
import type { Phase, Recorded, Screened } from './types';

/**
 * Phase 3, screen: the moderation verdict, started in phase 1, is waited for before the provider would see the
 * text. A flagged message is recorded for the class's teachers once it is stored; one moderation refuses gets a kind
 * refusal instead of a reply, and the provider is never called. When moderation cannot answer, a class that fails
 * closed refuses the turn.
 */
export async function screen(turn: Recorded): Promise<Phase<Screened>> {
  const { services, user, input, conversation, klass, userMessage, pending } = turn;
  const verdict = await (turn.moderation ?? moderate(services, userMessage.content));
  if (verdict.unavailable && klass?.moderationFailClosed) {
    const unavailable = {
      code: 'MODERATION_UNAVAILABLE',
      message: "Lumi's safety check is not answering right now. Try again in a moment.",
    } as const;
    // A send stored nothing yet; an edit or a retry already changed the history, so its failure is kept.
    if (pending) throw new AppError(unavailable.code, unavailable.message);
    return failTurn(services, conversation, input.clientId, turn.preferred.id, unavailable);
  }
  // Recorded once the message is stored, since the flag points at it.
  const recordFlag = async () => {
    if (!verdict.flagged) return;
    await storeFlag(services.db, {
      studentId: user.id,
      classId: klass?.id ?? null,
      conversationId: conversation.id,
      messageId: userMessage.id,
      categories: verdict.categories,
      refused: verdict.refuse,
    });
  };
  if (verdict.refuse) {
    const refusal = await storeRefusal(services, conversation, userMessage, input.clientId, pending);
    await recordFlag();
    return { done: refusal };
  }
  // An edit's or a retry's message is stored already; a send's is stored with its reply (phase 6 records its flag).
  if (!pending) await recordFlag();
  return { next: { ...turn, recordFlag: pending ? recordFlag : async () => {} } };
}
