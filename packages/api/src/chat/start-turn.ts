import type { LumiServices, SessionUser } from '../context';
import type { SendMessageInput } from './send-message.types';
import { admit } from './turn/admit';
import { launch } from './turn/launch';
import { plan } from './turn/plan';
import { record } from './turn/record';
import { reserve } from './turn/reserve';
import { screen } from './turn/screen';
import type { TurnStart } from './turn/types';

/**
 * The start of a chat turn (POST /api/chat in docs/chat-protocol.md, "A turn, phase by phase"): six phases, each
 * numbered there and in its own file under turn/. A phase either hands the turn on or answers it (a repeated request
 * gets the turn it already made; a flagged message a refusal), or refuses it with an AppError. Everything here sits
 * in front of the first token.
 */
export async function startTurn(
  services: LumiServices,
  user: SessionUser,
  input: SendMessageInput,
): Promise<TurnStart> {
  const admitted = await admit(services, user, input); // 1
  if ('done' in admitted) return admitted.done;
  const recorded = await record(admitted.next); // 2
  if ('done' in recorded) return recorded.done;
  const screened = await screen(recorded.next); // 3
  if ('done' in screened) return screened.done;
  const planned = await plan(screened.next); // 4
  const reserved = await reserve(planned); // 5
  if ('done' in reserved) return reserved.done;
  return launch(reserved.next); // 6
}
