import { costMicros, summarizeTurns, type HistoryMessage } from '@lumi/chat-core';
import type { Class, Conversation } from '@lumi/db';
import type { LumiServices, SessionUser } from '../context';
import { utcDay } from './budget';
import { budgetScope } from './class-policy';
import { spendKey } from './spend-caps';
import { seqOf, storeSummary } from './store/summary';

interface FoldInput {
  conversation: Conversation;
  user: SessionUser;
  klass: Pick<Class, 'id' | 'teacherId'> | null;
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

  const cost = costMicros(result.usage, entry);
  await storeSummary(services.db, {
    conversationId: conversation.id,
    text: result.summary,
    tokens: result.summaryTokens,
    throughSeq: await seqOf(services.db, result.throughId),
    userId: input.user.id,
    classId: input.klass?.id ?? null,
    model: entry.id,
    usage: result.usage,
    costMicros: cost,
    budgetKey: { userId: input.user.id, scope: budgetScope(input.klass), day: utcDay(services.now()) },
    spendKey: spendKey(input.klass?.teacherId ?? null, services.now()),
  });
  return {
    summary: { text: result.summary },
    history: input.history.filter((m) => !omitted.has(m.id)),
  };
}
