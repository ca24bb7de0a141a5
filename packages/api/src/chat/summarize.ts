import { costMicros, summarizeTurns, type HistoryMessage } from '@lumi/chat-core';
import type { Class, Conversation } from '@lumi/db';
import type { LumiServices, SessionUser } from '../context';
import { chargeTokens, utcDay } from './budget';
import { budgetScope } from './class-policy';
import { chargeSpend, spendKey } from './spend-caps';

interface FoldInput {
  conversation: Conversation;
  user: SessionUser;
  klass: Class | null;
  /** The cheapest allowed model: a summary needs no more. */
  summaryModel: string;
  history: HistoryMessage[];
  /** Turns the request had to leave out, oldest first. */
  omittedIds: string[];
}

/**
 * Folds the turns that no longer fit the window into the conversation's rolling summary. The summary records
 * how far it reaches (summarizedThroughSeq) and later turns are loaded after that point, so no turn is ever
 * summarized twice. Returns null when summarizing failed: the turn then goes ahead with the turns that fit.
 */
export async function foldIntoSummary(services: LumiServices, input: FoldInput) {
  const { conversation } = input;
  const omitted = new Set(input.omittedIds);
  const entry = services.catalog.require(input.summaryModel);
  const result = await summarizeTurns({
    provider: services.provider,
    model: entry,
    previousSummary: conversation.summary ?? undefined,
    turns: input.history.filter((m) => omitted.has(m.id)),
    maxTokens: 400,
  }).catch((error: unknown) => {
    console.error('lumi: summarizing older turns failed', error);
    return null;
  });
  if (!result) return null;

  const through = await services.db.message.findUniqueOrThrow({
    where: { id: result.throughId },
    select: { seq: true },
  });
  const cost = costMicros(result.usage, entry);
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
        model: entry.id,
        promptTokens: result.usage.promptTokens,
        completionTokens: result.usage.completionTokens,
        cachedTokens: result.usage.cachedTokens,
        costMicros: cost,
      },
    });
    const key = { userId: input.user.id, scope: budgetScope(input.klass), day: utcDay(services.now()) };
    await chargeTokens(tx, key, result.usage.promptTokens + result.usage.completionTokens);
    await chargeSpend(tx, spendKey(input.klass?.teacherId ?? null, services.now()), cost);
  });
  return {
    summary: { text: result.summary },
    history: input.history.filter((m) => !omitted.has(m.id)),
  };
}
