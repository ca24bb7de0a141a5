import {
  ChatError,
  ReplyTokenCap,
  costMicros,
  countMessageTokens,
  type ChatMessage,
  type Usage,
} from '@lumi/chat-core';
import type { LumiServices } from '../context';
import type { BudgetKey } from './budget';
import type { SpendKey } from './spend-caps';
import type { Generation } from './generation';
import { isDatabaseUnreachable } from '../errors/database-unreachable';
import { KEEP_TRYING_MS, saveWhenReachable } from './save-when-reachable';
import { flushReply, settleReply, type ReplySettlement } from './store/reply';

export interface GenerationPlan {
  assistantMessageId: string;
  conversationId: string;
  userId: string;
  classId: string | null;
  model: string;
  messages: ChatMessage[];
  promptTokens: number;
  maxTokens: number;
  reserved: number;
  budgetKey: BudgetKey;
  /** Money reserved against the spend caps. */
  spend: { key: SpendKey; reserved: number };
  startedAt: number;
}

/** How often partial text is written through, so another node (or a restart) can show it. */
const FLUSH_INTERVAL_MS = 1000;
/** Without new text, a heartbeat this often still marks the reply as alive (see orphaned-reply.ts). */
const HEARTBEAT_MS = 10_000;

/**
 * Streams the reply into the generation, then settles everything in one statement (so one transaction): the assistant message,
 * the usage event with the provider's own counts, and the budget reservation. Runs detached from any request.
 */
export async function runGeneration(services: LumiServices, generation: Generation, plan: GenerationPlan) {
  const { db } = services;
  let ttftMs: number | null = null;
  let usage: Usage | null = null;
  let finishReason = 'stop';
  let failure: ChatError | null = null;
  const entry = services.catalog.get(plan.model);
  // The reply is held to its reservation here too: some upstreams write on past max_tokens.
  const cap = new ReplyTokenCap(plan.maxTokens, entry ?? plan.model);
  let flushed = { length: 0, at: performance.now() };
  const flush = setInterval(() => {
    const now = performance.now();
    if (generation.text.length === flushed.length && now - flushed.at < HEARTBEAT_MS) return;
    flushed = { length: generation.text.length, at: now };
    flushReply(db, plan.assistantMessageId, generation.text)
      .then((streaming) => streaming || generation.stop())
      .catch(() => {});
  }, FLUSH_INTERVAL_MS);

  try {
    const stream = services.provider.stream({
      model: plan.model,
      messages: plan.messages,
      maxTokens: plan.maxTokens,
      signal: generation.controller.signal,
      user: plan.userId,
    });
    for await (const event of stream) {
      if (event.type === 'delta') {
        ttftMs ??= Math.round(performance.now() - plan.startedAt);
        const text = cap.admit(event.text);
        if (text) generation.emit({ type: 'delta', text });
        if (cap.reached) {
          // Cut as OpenAI cuts at max_tokens; leaving the loop ends the stream, which aborts the upstream request.
          finishReason = 'length';
          break;
        }
      } else if (event.type === 'usage') {
        usage = event.usage;
      } else {
        finishReason = event.finishReason;
      }
    }
  } catch (error) {
    failure = error instanceof ChatError ? error : new ChatError('PROVIDER_NETWORK', String(error), { cause: error });
  } finally {
    clearInterval(flush);
  }

  const text = generation.text;
  const stopped = generation.stoppedByUser;
  const status = stopped ? 'STOPPED' : failure ? 'ERROR' : 'COMPLETE';
  // The provider's usage is the truth. Without it (stopped, dropped, or a server that omits usage) count
  // exactly what was sent and what arrived; an upstream that failed before the first token charged nothing.
  const spent: Usage =
    usage ??
    (text.length > 0 || (!failure && !stopped)
      ? { promptTokens: plan.promptTokens, completionTokens: cap.count(), cachedTokens: 0 }
      : { promptTokens: 0, completionTokens: 0, cachedTokens: 0 });
  // The usage event keeps the provider's word; the budget and the spend caps are never charged more than the turn
  // reserved.
  const used = Math.min(spent.promptTokens + spent.completionTokens, plan.reserved);
  const cost = entry ? costMicros(spent, entry) : 0;

  const settlement: ReplySettlement = {
    assistantMessageId: plan.assistantMessageId,
    conversationId: plan.conversationId,
    result: {
      content: text,
      tokenCount: text ? countMessageTokens({ role: 'assistant', content: text }, entry ?? plan.model) : 0,
      ttftMs,
      latencyMs: Math.round(performance.now() - plan.startedAt),
    },
    outcome: {
      status,
      finishReason: stopped ? 'stopped' : failure ? 'error' : finishReason,
      errorCode: failure && !stopped ? failure.code : null,
    },
    usage:
      used > 0
        ? {
            userId: plan.userId,
            classId: plan.classId,
            model: plan.model,
            promptTokens: spent.promptTokens,
            completionTokens: spent.completionTokens,
            cachedTokens: spent.cachedTokens,
            costMicros: cost,
          }
        : null,
    key: plan.budgetKey,
    reserved: plan.reserved,
    used,
    spend: { ...plan.spend, spent: Math.min(cost, plan.spend.reserved) },
    now: services.now(),
  };
  try {
    // The student has seen the text: when the database is away, the reply waits for it (and `done` with it).
    await saveWhenReachable(() => settleReply(db, settlement), services.savePatienceMs);
  } catch (error) {
    generation.emit({
      type: 'error',
      code: 'SAVE_FAILED',
      message: 'The reply is not saved yet: it will be once the database is back.',
      retryable: true,
    });
    if (!isDatabaseUnreachable(error)) throw error;
    // A longer outage: the reply stays in memory and is written when the database returns (drain waits for it).
    services.generations.follow(
      saveWhenReachable(() => settleReply(db, settlement), KEEP_TRYING_MS).catch((lost: unknown) =>
        services.log.error({ err: lost, messageId: plan.assistantMessageId }, 'a reply could not be saved'),
      ),
    );
    return;
  }

  if (failure && !stopped) {
    generation.emit({
      type: 'error',
      code: failure.code,
      message: failure.studentMessage,
      retryable: failure.retryable,
    });
  } else {
    generation.emit({
      type: 'done',
      status: stopped ? 'STOPPED' : 'COMPLETE',
      finishReason: stopped ? 'stopped' : finishReason,
      usage: spent,
    });
  }
  // After the final event, so nothing here delays the reply (a roleplay's correction card, docs/chat-protocol.md).
  services.generations.follow(
    services.afterReply({ conversationId: plan.conversationId, assistantMessageId: plan.assistantMessageId }),
  );
}
