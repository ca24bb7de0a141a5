import type { Usage } from '@lumi/chat-core';
import type { LumiServices } from '../../context';
import { chargeTokens, type BudgetKey } from '../budget';
import { chargeSpend, type SpendKey } from '../spend-caps';

/** A rolling summary's rows: the conversation's summary, and what making it cost. */

type Db = LumiServices['db'];

export async function seqOf(db: Db, messageId: string): Promise<number> {
  const message = await db.message.findUniqueOrThrow({ where: { id: messageId }, select: { seq: true } });
  return message.seq;
}

/**
 * Stores the summary (through which turn it reaches) and its usage, charged to the budget and the spend caps
 * outside any reservation, in one transaction.
 */
export async function storeSummary(
  db: Db,
  summary: {
    conversationId: string;
    text: string;
    tokens: number;
    throughSeq: number;
    userId: string;
    classId: string | null;
    model: string;
    usage: Usage;
    costMicros: number;
    budgetKey: BudgetKey;
    spendKey: SpendKey;
  },
): Promise<void> {
  const { usage } = summary;
  await db.$transaction(async (tx) => {
    await tx.conversation.update({
      where: { id: summary.conversationId },
      data: { summary: summary.text, summaryTokens: summary.tokens, summarizedThroughSeq: summary.throughSeq },
    });
    await tx.usageEvent.create({
      data: {
        userId: summary.userId,
        classId: summary.classId,
        conversationId: summary.conversationId,
        kind: 'SUMMARY',
        model: summary.model,
        promptTokens: usage.promptTokens,
        completionTokens: usage.completionTokens,
        cachedTokens: usage.cachedTokens,
        costMicros: summary.costMicros,
      },
    });
    await chargeTokens(tx, summary.budgetKey, usage.promptTokens + usage.completionTokens);
    await chargeSpend(tx, summary.spendKey, summary.costMicros);
  });
}
