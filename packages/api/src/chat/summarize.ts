import { buildRequest, summarizeTurns, costMicros, type HistoryMessage } from '@lumi/chat-core';
import type { Class, Conversation } from '@lumi/db';
import type { LumiServices, SessionUser } from '../context';
import { budgetScope } from './class-policy';
import { chargeTokens, utcDay } from './budget';

interface StoredSummary {
  text: string;
  tokenCount: number;
}

interface SummaryInput {
  conversation: Conversation;
  user: SessionUser;
  klass: Class | null;
  model: string;
  /** The cheapest allowed model: summaries need no more. */
  summaryModel: string;
  systemPrompt: string;
  history: HistoryMessage[];
  maxTokens: number;
}

/**
 * When turns no longer fit the window, folds them into the conversation's rolling summary with the cheapest
 * allowed model. The summary records how far it reaches, so no turn is ever summarized twice.
 */
export async function summarizeIfNeeded(
  services: LumiServices,
  input: SummaryInput,
): Promise<{ summary: StoredSummary | null; history: HistoryMessage[] }> {
  const { conversation } = input;
  const stored = conversation.summary ? { text: conversation.summary, tokenCount: conversation.summaryTokens } : null;
  const current = { summary: stored, history: input.history };
  const probe = buildRequest({
    model: input.model,
    catalog: services.catalog,
    systemPrompt: input.systemPrompt,
    summary: stored ?? undefined,
    history: input.history,
    maxTokens: input.maxTokens,
  });
  if (probe.omitted.ids.length === 0) return current;

  const omitted = new Set(probe.omitted.ids);
  const turns = input.history.filter((m) => omitted.has(m.id));
  const result = await summarizeTurns({
    provider: services.provider,
    model: services.catalog.require(input.summaryModel),
    previousSummary: conversation.summary ?? undefined,
    turns,
    maxTokens: 400,
  }).catch(() => null);
  // A failed summary is not fatal: the turn goes ahead with the newest turns that fit.
  if (!result) return current;

  const through = await services.db.message.findUniqueOrThrow({ where: { id: result.throughId }, select: { seq: true } });
  const entry = services.catalog.get(input.summaryModel);
  const used = result.usage.promptTokens + result.usage.completionTokens;
  await services.db.$transaction(async (tx) => {
    await tx.conversation.update({
      where: { id: conversation.id },
      data: { summary: result.summary, summaryTokens: result.summaryTokens, summarizedThroughSeq: through.seq },
    });
    await tx.usageEvent.create({
      data: {
        userId: input.user.id,
        classId: input.klass?.id ?? null,
        conversationId: conversation.id,
        kind: 'SUMMARY',
        model: input.summaryModel,
        promptTokens: result.usage.promptTokens,
        completionTokens: result.usage.completionTokens,
        cachedTokens: result.usage.cachedTokens,
        costMicros: entry ? costMicros(result.usage, entry) : 0,
      },
    });
    await chargeTokens(tx, { userId: input.user.id, scope: budgetScope(input.klass), day: utcDay(services.now()) }, used);
  });
  return { summary: { text: result.summary, tokenCount: result.summaryTokens }, history: input.history.filter((m) => !omitted.has(m.id)) };
}
