import { Generation } from '../generation';
import { runGeneration } from '../run-generation';
import type { Reserved, TurnStart } from './types';

/**
 * Phase 6, launch: a generation that outlives the HTTP request streams the reply (run-generation.ts: reply, settle,
 * then the after-reply step of docs/chat-protocol.md); the caller follows it by its assistant message id.
 */
export async function launch(turn: Reserved): Promise<TurnStart> {
  const { services, user, conversation, klass, model, replyCap } = turn;
  // A plain send's message is stored now, with its reply: its flag can point at it.
  await turn.recordFlag();
  const generation = new Generation();
  services.generations.register(turn.assistantMessageId, generation);
  runGeneration(services, generation, {
    assistantMessageId: turn.assistantMessageId,
    conversationId: conversation.id,
    userId: user.id,
    classId: klass?.id ?? null,
    model: model.id,
    messages: turn.messages,
    promptTokens: turn.promptTokens,
    maxTokens: replyCap,
    reserved: turn.promptTokens + replyCap,
    budgetKey: turn.budgetKey,
    spend: turn.spend,
    startedAt: performance.now(),
  }).catch((error: unknown) => console.error('lumi: a reply could not be saved', error));
  return {
    userMessageId: turn.userMessage.id,
    assistantMessageId: turn.assistantMessageId,
    model: model.id,
    reason: turn.reason,
    ...(replyCap < turn.maxTokens && { replyLimit: replyCap }),
  };
}
