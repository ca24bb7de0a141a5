import {
  TUTOR_RULE_KEYS,
  type TutorRuleKey,
  buildRequest,
  buildSystemPrompt,
  chooseModel,
  countMessageTokens,
  type HistoryMessage,
} from '@lumi/chat-core';
import { Prisma, type Class, type Conversation, type Message } from '@lumi/db';
import { TRPCError } from '@trpc/server';
import type { LumiServices, SessionUser } from '../context';
import { loadConversation } from '../conversations/conversation-access';
import { chatRateLimit, hitRateLimit } from '../shared/rate-limit';
import { AppError } from '../trpc';
import { nextUtcMidnight, reserveTokens, utcDay } from './budget';
import { allowedModelsFor, budgetScope, cheapestModel, dailyBudgetFor } from './class-policy';
import { Generation } from './generation';
import { refusalText } from './refusal';
import { runGeneration } from './run-generation';
import { summarizeIfNeeded } from './summarize';
import { DEFAULT_MAX_TOKENS, type SendMessageInput } from './send-message.types';

export interface TurnStart {
  userMessageId: string;
  assistantMessageId: string;
  model: string;
  reason: string;
}

const replyClientId = (clientId: string) => `${clientId}:reply`;
const isTutorRule = (key: string): key is TutorRuleKey => (TUTOR_RULE_KEYS as readonly string[]).includes(key);

/**
 * Steps 1-5 of the chat turn (docs/chat-protocol.md): the student's message is stored before anything can fail,
 * then the request is built, the budget reserved, and a generation started that outlives the HTTP request.
 * Sending the same clientId again attaches to the turn already made.
 */
export async function startTurn(services: LumiServices, user: SessionUser, input: SendMessageInput): Promise<TurnStart> {
  if (user.role !== 'STUDENT') throw new TRPCError({ code: 'FORBIDDEN', message: 'Only students hold tutoring sessions.' });
  const conversation = await loadConversation(services, user, input.conversationId, 'write');
  const { db } = services;

  const existing = await db.message.findUnique({
    where: { conversationId_clientId: { conversationId: conversation.id, clientId: replyClientId(input.clientId) } },
  });
  if (existing) return replayStart(services, conversation, existing);

  const limit = await hitRateLimit(db, chatRateLimit(services.chatRateLimit), user.id, services.now());
  if (!limit.allowed) {
    throw new AppError('RATE_LIMITED', 'You are sending messages very fast. Take a breath and try again shortly.', limit.resetAt);
  }

  const klass = conversation.class;
  const allowed = allowedModelsFor(services.catalog, services.provider, klass);
  const requested = input.model ?? conversation.model;
  if (!allowed.includes(requested) && !(services.provider.offline && input.model === undefined)) {
    throw new AppError('MODEL_NOT_ALLOWED', `The model "${requested}" is not allowed in this class.`);
  }
  const userMessage = await storeUserMessage(services, conversation, input);

  const moderation = await services.moderator.check(userMessage.content).catch(() => null);
  if (moderation?.flagged) {
    await db.moderationFlag.create({
      data: {
        studentId: user.id,
        classId: klass?.id ?? null,
        conversationId: conversation.id,
        messageId: userMessage.id,
        categories: moderation.categories,
        refused: moderation.refuse,
      },
    });
  }
  if (moderation?.refuse) return storeRefusal(services, conversation, userMessage, input.clientId);

  const maxTokens = input.maxTokens ?? DEFAULT_MAX_TOKENS;
  const systemPrompt = buildSystemPrompt({
    mode: conversation.mode,
    persona: conversation.persona ?? undefined,
    rules: (klass?.tutorRules ?? []).filter(isTutorRule),
    instructions: klass?.extraInstructions ?? undefined,
  });
  const history = await loadHistory(services, conversation.id, conversation.summarizedThroughSeq);
  const wanted =
    countMessageTokens({ role: 'system', content: systemPrompt }, services.catalog.require(requested)) +
    (conversation.summary ? conversation.summaryTokens : 0) +
    history.reduce((sum, m) => sum + (m.tokenCount ?? 0), 0);
  const choice = chooseModel({
    catalog: services.catalog,
    policy: { allowedModels: allowed, preferredModel: allowed.includes(requested) ? requested : allowed[0] },
    promptTokens: wanted,
    replyReserve: maxTokens,
  });
  // When even the largest allowed window cannot hold the whole history, stay on the preferred model and let
  // the rolling summary carry what falls out.
  const model = choice.ok ? choice.model.id : allowed.includes(requested) ? requested : allowed[0]!;
  const reason = choice.reason.message;

  const summary = await summarizeIfNeeded(services, {
    conversation,
    user,
    klass,
    model,
    summaryModel: cheapestModel(services.catalog, allowed),
    systemPrompt,
    history,
    maxTokens,
  });
  const built = buildRequest({
    model,
    catalog: services.catalog,
    systemPrompt,
    summary: summary.summary ?? undefined,
    history: summary.history,
    maxTokens,
  });
  if (!built.fits) {
    return failTurn(services, conversation, input.clientId, model, {
      code: 'CONTEXT_TOO_LONG',
      message: 'This message is too long for the tutor to read at once. Shorten it or split it into parts.',
    });
  }

  const reserved = built.promptTokens + maxTokens;
  const budgetKey = { userId: user.id, scope: budgetScope(klass), day: utcDay(services.now()) };
  const assistant = await createAssistantMessage(services, conversation.id, input.clientId, model, reserved);
  if (!assistant.created) return replayStart(services, conversation, assistant.message);

  if (!(await reserveTokens(db, budgetKey, reserved, dailyBudgetFor(klass)))) {
    await db.message.update({
      where: { id: assistant.message.id },
      data: { status: 'ERROR', errorCode: 'BUDGET_EXHAUSTED', reservedTokens: 0 },
    });
    throw new AppError(
      'BUDGET_EXHAUSTED',
      "You've used today's tutoring budget. It resets at midnight UTC.",
      nextUtcMidnight(services.now()),
    );
  }

  const generation = new Generation();
  services.generations.register(assistant.message.id, generation);
  runGeneration(services, generation, {
    assistantMessageId: assistant.message.id,
    conversationId: conversation.id,
    userId: user.id,
    classId: klass?.id ?? null,
    model,
    messages: built.messages,
    promptTokens: built.promptTokens,
    maxTokens,
    reserved,
    budgetKey,
    startedAt: performance.now(),
  }).catch((error: unknown) => console.error('lumi: a reply could not be saved', error));
  return { userMessageId: userMessage.id, assistantMessageId: assistant.message.id, model, reason };
}

async function storeUserMessage(services: LumiServices, conversation: Conversation, input: SendMessageInput) {
  const { db } = services;
  const lastUser = await db.message.findFirst({
    where: { conversationId: conversation.id, role: 'USER', supersededAt: null },
    orderBy: { seq: 'desc' },
  });
  if (input.kind === 'retry') {
    const failed = await db.message.findFirst({
      where: { id: input.retryOf, conversationId: conversation.id, role: 'ASSISTANT', supersededAt: null },
    });
    if (!failed || !lastUser || failed.seq < lastUser.seq) {
      throw new AppError('NOT_RETRYABLE', 'Only the latest reply can be retried.');
    }
    if (failed.status === 'STREAMING') throw new AppError('STILL_STREAMING', 'Stop the reply before retrying it.');
    await db.message.update({ where: { id: failed.id }, data: { supersededAt: services.now() } });
    return lastUser;
  }
  const data = {
    conversationId: conversation.id,
    role: 'USER' as const,
    content: input.content,
    tokenCount: countMessageTokens({ role: 'user', content: input.content }, conversation.model),
    clientId: input.clientId,
  };
  try {
    return await db.$transaction(async (tx) => {
      if (input.kind === 'edit') {
        if (!lastUser || lastUser.id !== input.editOf) {
          throw new AppError('NOT_EDITABLE', 'Only your latest message can be edited.');
        }
        const streaming = await tx.message.count({
          where: { conversationId: conversation.id, seq: { gt: lastUser.seq }, status: 'STREAMING' },
        });
        if (streaming > 0) throw new AppError('STILL_STREAMING', 'Stop the reply before editing your message.');
        // The old turn stays on record for the teacher; it only leaves the tutor's context.
        await tx.message.updateMany({
          where: { conversationId: conversation.id, seq: { gte: lastUser.seq }, supersededAt: null },
          data: { supersededAt: services.now() },
        });
      }
      const message = await tx.message.create({ data });
      await tx.conversation.update({
        where: { id: conversation.id },
        data: {
          lastMessageAt: services.now(),
          ...(conversation.title === 'New session' && { title: titleFrom(input.content) }),
        },
      });
      return message;
    });
  } catch (error) {
    // The same clientId sent twice at once: the second attaches to the first.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      return db.message.findUniqueOrThrow({
        where: { conversationId_clientId: { conversationId: conversation.id, clientId: input.clientId } },
      });
    }
    throw error;
  }
}

function titleFrom(content: string): string {
  const line = content.split('\n')[0]!.trim();
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}

async function loadHistory(services: LumiServices, conversationId: string, afterSeq: number): Promise<HistoryMessage[]> {
  const rows = await services.db.message.findMany({
    where: { conversationId, supersededAt: null, seq: { gt: afterSeq }, content: { not: '' } },
    orderBy: { seq: 'asc' },
    select: { id: true, role: true, content: true, tokenCount: true, status: true },
  });
  return rows
    .filter((m) => m.status !== 'STREAMING')
    .map((m) => ({
      id: m.id,
      role: m.role === 'USER' ? ('user' as const) : ('assistant' as const),
      content: m.content,
      tokenCount: m.tokenCount,
    }));
}

async function createAssistantMessage(
  services: LumiServices,
  conversationId: string,
  clientId: string,
  model: string,
  reservedTokens: number,
): Promise<{ created: boolean; message: Message }> {
  try {
    const message = await services.db.message.create({
      data: {
        conversationId,
        role: 'ASSISTANT',
        content: '',
        tokenCount: 0,
        model,
        status: 'STREAMING',
        clientId: replyClientId(clientId),
        reservedTokens,
      },
    });
    return { created: true, message };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      const message = await services.db.message.findUniqueOrThrow({
        where: { conversationId_clientId: { conversationId, clientId: replyClientId(clientId) } },
      });
      return { created: false, message };
    }
    throw error;
  }
}

async function replayStart(services: LumiServices, conversation: Conversation, assistant: Message): Promise<TurnStart> {
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
async function storeRefusal(
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

async function failTurn(
  services: LumiServices,
  conversation: Conversation,
  clientId: string,
  model: string,
  error: { code: string; message: string },
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
