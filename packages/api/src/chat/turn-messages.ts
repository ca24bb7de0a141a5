import { countMessageTokens } from '@lumi/chat-core';
import type { Conversation, Message } from '@lumi/db';
import type { LumiServices } from '../context';
import { AppError } from '../errors/app-error';
import type { RequestErrorCode } from '../errors/codes';
import { nextUtcMidnight } from './budget';
import { nextUtcMonth } from './spend-caps';
import { refusalText } from './refusal';
import type { TurnStart } from './turn/types';
import { storeFailedReply, storeRefusalReply, studentLanguage } from './store/refusal';
import type { PendingSend } from './store/reply';
import { userMessageBefore } from './store/replay';

export async function replayStart(
  services: LumiServices,
  conversation: Pick<Conversation, 'id' | 'model'>,
  assistant: Pick<Message, 'id' | 'seq' | 'status' | 'errorCode' | 'model'>,
): Promise<TurnStart> {
  if (assistant.status === 'ERROR' && isBudgetCode(assistant.errorCode)) {
    throw new AppError(
      assistant.errorCode,
      "Today's tutoring budget cannot hold a reply. It resets at midnight UTC.",
      nextUtcMidnight(services.now()),
    );
  }
  if (assistant.status === 'ERROR' && assistant.errorCode === 'SPEND_CAP_REACHED') {
    throw new AppError('SPEND_CAP_REACHED', 'The money set aside for the tutor is used up for now.');
  }
  const userMessage = await userMessageBefore(services.db, conversation.id, assistant.seq);
  return {
    userMessageId: userMessage?.id ?? '',
    assistantMessageId: assistant.id,
    model: assistant.model ?? conversation.model,
    reason: 'Resumed the reply already in progress.',
  };
}

const isBudgetCode = (code: string | null): code is 'BUDGET_EXHAUSTED' | 'BUDGET_TOO_SMALL' =>
  code === 'BUDGET_EXHAUSTED' || code === 'BUDGET_TOO_SMALL';

/**
 * A kind refusal in place of a reply; the provider is never called, so nothing is charged. A plain send's message
 * (`pending`) is stored with it.
 */
export async function storeRefusal(
  services: LumiServices,
  conversation: Conversation,
  userMessage: Pick<Message, 'id'>,
  clientId: string,
  pending: PendingSend | null,
): Promise<TurnStart> {
  const content = refusalText(await studentLanguage(services.db, conversation.studentId));
  const refusal = {
    content,
    tokenCount: countMessageTokens({ role: 'assistant', content }, conversation.model),
    model: conversation.model,
    clientId,
  };
  const message = await storeRefusalReply(services.db, conversation, refusal, pending);
  return {
    userMessageId: userMessage.id,
    assistantMessageId: message.id,
    model: conversation.model,
    reason: 'The message was flagged by moderation, so the tutor did not answer it.',
  };
}

/**
 * Refuses a turn today's budget cannot hold, saying how many tokens are left. A plain send stored nothing, so the
 * student keeps the message to send later; an edit or a retry already changed the history, so its failed reply is
 * stored (and a repeated request gets the same answer).
 */
export async function refuseForBudget(
  services: LumiServices,
  turn: { conversation: Conversation; clientId: string; model: string; left: number; pending: PendingSend | null },
): Promise<never> {
  const { left } = turn;
  const code = left > 0 ? 'BUDGET_TOO_SMALL' : 'BUDGET_EXHAUSTED';
  const message =
    left > 0
      ? `Today's tutoring budget has ${left} tokens left, too few for a reply to this message. It resets at midnight UTC.`
      : "You've used today's tutoring budget. It resets at midnight UTC.";
  if (!turn.pending) await storeFailedReply(services.db, turn.conversation.id, turn.clientId, turn.model, code);
  throw new AppError(code, message, nextUtcMidnight(services.now()), left);
}

/**
 * Refuses a turn a spend cap cannot hold (the installation's, or the teacher's of the class), saying until when.
 * Like refuseForBudget, a plain send stores nothing.
 */
export async function refuseForSpend(
  services: LumiServices,
  turn: {
    conversation: Conversation;
    clientId: string;
    model: string;
    pending: PendingSend | null;
    /** The month's cap refused (else the day's). */
    month: boolean;
    /** Only the teacher's cap refused. */
    teacher: boolean;
  },
): Promise<never> {
  const whose = turn.teacher ? "this class's teacher" : 'this school';
  const period = turn.month ? 'this month' : 'today';
  const resetAt = turn.month ? nextUtcMonth(services.now()) : nextUtcMidnight(services.now());
  if (!turn.pending) {
    await storeFailedReply(services.db, turn.conversation.id, turn.clientId, turn.model, 'SPEND_CAP_REACHED');
  }
  throw new AppError(
    'SPEND_CAP_REACHED',
    `The tutor has used all the money set aside for ${whose} ${period}. It starts again at ${resetAt.toISOString()}.`,
    resetAt,
  );
}

export async function failTurn(
  services: LumiServices,
  conversation: Conversation,
  clientId: string,
  model: string,
  error: { code: RequestErrorCode; message: string },
): Promise<never> {
  await storeFailedReply(services.db, conversation.id, clientId, model, error.code);
  throw new AppError(error.code, error.message);
}
