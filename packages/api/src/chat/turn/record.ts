import { countMessageTokens } from '@lumi/chat-core';
import { AppError } from '../../errors/app-error';
import { firstCopyReply } from '../first-copy';
import { loadHistory, toHistory } from '../history';
import { newId } from '../store/ids';
import { replayStart } from '../turn-messages';
import { storeUserMessage, titleFrom } from '../user-message';
import type { Admitted, Phase, Recorded } from './types';

/**
 * Phase 2, record: the student's message. A plain send's is only prepared here, and stored together with its reply
 * and reservations (phase 5), so a send the budget cannot hold stores nothing; an edit or a retry changes the
 * history now, and its history is read after the change. A copy of an edit or a retry that finds the history
 * already changed by the first copy is answered with the first copy's reply.
 */
export async function record(turn: Admitted): Promise<Phase<Recorded>> {
  const { services, input, conversation, preferred } = turn;
  if (input.kind === 'send') {
    const pending = {
      id: newId(),
      content: input.content,
      tokenCount: countMessageTokens({ role: 'user', content: input.content }, preferred),
      model: preferred.id,
      clientId: input.clientId,
      title: titleFrom(input.content),
      now: services.now(),
    };
    const userMessage = { ...pending, role: 'USER' as const };
    const history = [...turn.history, toHistory(userMessage, services.catalog)];
    return { next: { ...turn, history, userMessage, pending } };
  }
  let userMessage;
  try {
    userMessage = await storeUserMessage(services, conversation, input, preferred);
  } catch (error) {
    // A copy of this edit or retry got there first and changed the history: answer with its reply.
    const first = error instanceof AppError ? await firstCopyReply(services, conversation.id, input) : null;
    if (first) return { done: await replayStart(services, conversation, first) };
    throw error;
  }
  const history = await loadHistory(services, conversation.id, conversation.summarizedThroughSeq);
  return { next: { ...turn, history, userMessage, pending: null } };
}
