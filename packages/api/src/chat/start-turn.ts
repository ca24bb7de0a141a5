import type { LumiServices, SessionUser } from '../context';
import type { SendMessageInput } from './send-message.types';
import { admit, givingTurnBack } from './turn/admit';
import { launch } from './turn/launch';
import { plan } from './turn/plan';
import { record } from './turn/record';
import { reserve } from './turn/reserve';
import { screen } from './turn/screen';
import type { Admitted, Phase, TurnStart } from './turn/types';

/**
 * The start of a chat turn (POST /api/chat in docs/chat-protocol.md, "A turn, phase by phase"): six phases, each
 * numbered there and in its own file under turn/. A phase either hands the turn on or answers it (a repeated request
 * gets the turn it already made; a flagged message a refusal), or refuses it with an AppError. Everything here sits
 * in front of the first token. A roleplay's send that claimed its turn (phase 1) and is then refused, or answered
 * without a reply of its own, gives the turn back as it is answered.
 */
export async function startTurn(
  services: LumiServices,
  user: SessionUser,
  input: SendMessageInput,
): Promise<TurnStart> {
  const admitted = await admit(services, user, input); // 1
  if ('done' in admitted) return admitted.done;
  const { releaseTurn } = admitted.next;
  const started = await givingTurnBack(releaseTurn, () => afterAdmission(admitted.next));
  if ('next' in started) return started.next;
  // Answered without a reply of its own: a duplicate's (its first copy took the turn), or a moderation refusal (its
  // message, stored with the refusal, is the turn). Either way the claim has nothing left to hold.
  await releaseTurn();
  return started.done;
}

/** Phases 2-6: `next` is the turn this send launched, `done` an answer without a reply of its own. */
async function afterAdmission(admitted: Admitted): Promise<Phase<TurnStart>> {
  const recorded = await record(admitted); // 2
  if ('done' in recorded) return recorded;
  const screened = await screen(recorded.next); // 3
  if ('done' in screened) return screened;
  const planned = await plan(screened.next); // 4
  const reserved = await reserve(planned); // 5
  if ('done' in reserved) return reserved;
  return { next: await launch(reserved.next) }; // 6
}
