import { costMicros, type StructuredOptions } from '@lumi/chat-core';
import type { Class, PracticeAttempt } from '@lumi/db';
import type { LumiServices } from '../context';
import { reserveTokens, settleTokens, utcDay, type BudgetKey } from '../chat/budget';
import { budgetScope, dailyBudgetFor } from '../chat/class-policy';
import { reserveSpend, settleSpend, spendKey, type SpendKey } from '../chat/spend-caps';
import { exerciseModel } from './exercise-model';

// The same reservation as a chat turn's (chat/budget.ts), kept here under its old name for callers and tests.
export { reserveTokens };

export interface ExercisePayer {
  userId: string;
  klass: Class | null;
  attemptId: string;
  conversationId: string | null;
}

/**
 * The budget hooks of one exercise's model calls: each call reserves its worst case first, in tokens against the
 * student's daily budget and in money against the spend caps (the installation's, and the class's teacher's), as a
 * chat turn does; then swaps the reservations for what the provider said it spent, recorded as usage of kind
 * EXERCISE, in one transaction. The money reserved is the worst case at the model's output price, which is never
 * below its input price, since the split of prompt and reply is not known before the call.
 */
export function exerciseBudget(
  services: LumiServices,
  payer: ExercisePayer,
): Required<Pick<StructuredOptions, 'reserve' | 'settle'>> {
  const key = (): BudgetKey => ({ userId: payer.userId, scope: budgetScope(payer.klass), day: utcDay(services.now()) });
  const budget = dailyBudgetFor(payer.klass, services.personalDailyBudget);
  // The day a reservation was made on is the day it is settled on, even across midnight.
  const reservedOn: Array<{ tokens: BudgetKey; spend: SpendKey; micros: number }> = [];
  return {
    async reserve(worstCase) {
      const tokens = key();
      if (!(await reserveTokens(services.db, tokens, worstCase, budget))) return false;
      const model = await exerciseModel(services, payer.klass);
      const micros = costMicros({ promptTokens: 0, completionTokens: worstCase, cachedTokens: 0 }, model);
      const spend = spendKey(payer.klass?.teacherId ?? null, services.now());
      if (!(await reserveSpend(services.db, services.spendCapDefaults, spend, micros))) {
        await settleTokens(services.db, tokens, worstCase, 0);
        return false;
      }
      reservedOn.push({ tokens, spend, micros });
      return true;
    },
    async settle({ usage, model }, worstCase) {
      const reserved = reservedOn.shift() ?? {
        tokens: key(),
        spend: spendKey(payer.klass?.teacherId ?? null, services.now()),
        micros: 0,
      };
      const entry = services.catalog.get(model);
      const used = usage.promptTokens + usage.completionTokens;
      const cost = entry ? costMicros(usage, entry) : 0;
      await services.db.$transaction(async (tx) => {
        // The budget's row before the ledger's, in the order a chat turn locks them.
        await settleTokens(tx, reserved.tokens, worstCase, used);
        await settleSpend(tx, reserved.spend, reserved.micros, Math.min(cost, reserved.micros));
        if (used === 0) return;
        await tx.usageEvent.create({
          data: {
            userId: payer.userId,
            classId: payer.klass?.id ?? null,
            conversationId: payer.conversationId,
            attemptId: payer.attemptId,
            kind: 'EXERCISE',
            model,
            promptTokens: usage.promptTokens,
            completionTokens: usage.completionTokens,
            cachedTokens: usage.cachedTokens,
            costMicros: cost,
          },
        });
      });
    },
  };
}

/**
 * The options of a model call an attempt makes (a roleplay's card or report, a drill answer's grade): the student
 * named to the provider, and the budget hooks above, paid by the student in the attempt's class. A drill has no
 * conversation.
 */
export function attemptCallOptions(
  services: LumiServices,
  attempt: Pick<PracticeAttempt, 'id' | 'studentId' | 'conversationId'> & { class: Class | null },
): Pick<StructuredOptions, 'user' | 'reserve' | 'settle'> {
  return {
    user: attempt.studentId,
    ...exerciseBudget(services, {
      userId: attempt.studentId,
      klass: attempt.class,
      attemptId: attempt.id,
      conversationId: attempt.conversationId,
    }),
  };
}
