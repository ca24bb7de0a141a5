import { costMicros, type StructuredOptions } from '@lumi/chat-core';
import type { Class, Prisma, PrismaClient } from '@lumi/db';
import type { LumiServices } from '../context';
import { settleTokens, utcDay, type BudgetKey } from '../chat/budget';
import { budgetScope, dailyBudgetFor } from '../chat/class-policy';

type Db = PrismaClient | Prisma.TransactionClient;

/**
 * Reserves tokens against a student's daily budget in one statement whose WHERE is checked on the locked row, as
 * the chat turn does: concurrent exercise calls (and chat turns) can never overspend the budget plus the day's extra
 * allowance.
 */
export async function reserveTokens(db: Db, key: BudgetKey, amount: number, budget: number): Promise<boolean> {
  const granted = await db.$executeRaw`
    INSERT INTO "BudgetDay" ("userId", "scope", "day", "usedTokens", "reservedTokens", "updatedAt")
    SELECT ${key.userId}, ${key.scope}, ${key.day}::date, 0, ${amount}::int, now() WHERE ${amount}::int <= ${budget}::int
    ON CONFLICT ("userId", "scope", "day") DO UPDATE
    SET "reservedTokens" = "BudgetDay"."reservedTokens" + ${amount}::int, "updatedAt" = now()
    WHERE "BudgetDay"."usedTokens" + "BudgetDay"."reservedTokens" + ${amount}::int
      <= ${budget}::int + "BudgetDay"."extraTokens"`;
  return granted > 0;
}

export interface ExercisePayer {
  userId: string;
  klass: Pick<Class, 'id' | 'dailyTokenBudget'> | null;
  attemptId: string;
  conversationId: string | null;
}

/**
 * The budget hooks of one exercise's model calls: each call reserves its worst case first, then swaps the
 * reservation for what the provider said it spent, recorded as usage of kind EXERCISE, in one transaction.
 */
export function exerciseBudget(
  services: LumiServices,
  payer: ExercisePayer,
): Required<Pick<StructuredOptions, 'reserve' | 'settle'>> {
  const key = (): BudgetKey => ({ userId: payer.userId, scope: budgetScope(payer.klass), day: utcDay(services.now()) });
  const budget = dailyBudgetFor(payer.klass, services.personalDailyBudget);
  // The day a reservation was made on is the day it is settled on, even across midnight.
  const reservedOn: BudgetKey[] = [];
  return {
    async reserve(worstCase) {
      const k = key();
      const ok = await reserveTokens(services.db, k, worstCase, budget);
      if (ok) reservedOn.push(k);
      return ok;
    },
    async settle({ usage, model }, worstCase) {
      const k = reservedOn.shift() ?? key();
      const entry = services.catalog.get(model);
      const used = usage.promptTokens + usage.completionTokens;
      await services.db.$transaction(async (tx) => {
        await settleTokens(tx, k, worstCase, used);
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
            costMicros: entry ? costMicros(usage, entry) : 0,
          },
        });
      });
    },
  };
}
