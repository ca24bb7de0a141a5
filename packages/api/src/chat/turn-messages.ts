import { countMessageTokens } from '@lumi/chat-core';
import type { Class, Conversation, Message } from '@lumi/db';
import type { LumiServices } from '../context';
import { AppError } from '../errors/app-error';
import type { RequestErrorCode } from '../errors/codes';
import { nextUtcMidnight } from './budget';
import { refusalText } from './refusal';
import type { TurnStart } from './start-turn';

/** The assistant message's client id: unique per conversation, so a repeated send finds its reply. */
export const replyClientId = (clientId: string) => `${clientId}:reply`;

export async function replayStart(
  services: LumiServices,
  conversation: Conversation,
  assistant: Message,
): Promise<TurnStart> {
  if (assistant.status === 'ERROR' && assistant.errorCode === 'BUDGET_EXHAUSTED') {
    throw new AppError(
      'BUDGET_EXHAUSTED',
      "You've used today's tutoring budget. It resets at midnight UTC.",
      nextUtcMidnight(services.now()),
    );
  }
  const userMessage = await services.db.message.findFirst({
    where: { conversationId: conversation.id, role: 'USER', seq: { lt: assistant.seq } },
    orderBy: { seq: 'desc' },
  });
  return {
    userMessageId: userMessage?.id ?? '',
    assistantMessageId: assistant.id,
    model: assistant.model ?? conversation.model,
    reason: 'Resumed the reply already in progress.',
  };
}

/** A kind refusal in place of a reply; the provider is never called, so nothing is charged. */
export async function storeRefusal(
  services: LumiServices,
  conversation: Conversation & { class: Class | null },
  userMessage: Message,
  clientId: string,
): Promise<TurnStart> {
  const student = await services.db.user.findUniqueOrThrow({ where: { id: conversation.studentId } });
  const content = refusalText(student.language);
  const message = await services.db.message.create({
    data: {
      conversationId: conversation.id,
      role: 'ASSISTANT',
      content,
      tokenCount: countMessageTokens({ role: 'assistant', content }, conversation.model),
      model: conversation.model,
      status: 'COMPLETE',
      finishReason: 'content_filter',
      clientId: replyClientId(clientId),
    },
  });
  return {
    userMessageId: userMessage.id,
    assistantMessageId: message.id,
    model: conversation.model,
    reason: 'The message was flagged by moderation, so the tutor did not answer it.',
  };
}

export async function failTurn(
  services: LumiServices,
  conversation: Conversation,
  clientId: string,
  model: string,
  error: { code: RequestErrorCode; message: string },
): Promise<never> {
  await services.db.message.create({
    data: {
      conversationId: conversation.id,
      role: 'ASSISTANT',
      content: '',
      tokenCount: 0,
      model,
      status: 'ERROR',
      errorCode: error.code,
      clientId: replyClientId(clientId),
    },
  });
  throw new AppError(error.code, error.message);
}
