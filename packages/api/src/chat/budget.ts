import type { PrismaClient, Prisma } from '@lumi/db';
import * as store from './store/budget';

type Db = PrismaClient | Prisma.TransactionClient;

export interface BudgetKey {
  userId: string;
  scope: string;
  /** A UTC calendar day. */
  day: Date;
}

export function utcDay(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

export function nextUtcMidnight(at: Date): Date {
  return new Date(utcDay(at).getTime() + 86_400_000);
}

/** Swaps a reservation for what was really spent (which may be zero when the upstream failed). */
export async function settleTokens(db: Db, key: BudgetKey, reserved: number, used: number): Promise<void> {
  await store.settleTokens.execute(db, { ...key, reserved, used });
}

/** Spending outside a reservation (a rolling summary), counted so no token goes unrecorded. */
export async function chargeTokens(db: Db, key: BudgetKey, used: number): Promise<void> {
  await store.chargeTokens.execute(db, { ...key, used });
}

/**
 * Reserves tokens against a student's daily budget in one statement whose WHERE is checked on the locked row, as
 * the chat turn does: concurrent reservations can never overspend the budget plus the day's extra allowance.
 */
export async function reserveTokens(db: Db, key: BudgetKey, amount: number, budget: number): Promise<boolean> {
  return (await store.reserveTokens.execute(db, { ...key, amount, budget })) > 0;
}

export async function budgetLeft(db: Db, key: BudgetKey, budget: number) {
  const row = await db.budgetDay.findUnique({
    where: { userId_scope_day: { userId: key.userId, scope: key.scope, day: key.day } },
  });
  const used = row?.usedTokens ?? 0;
  const reserved = row?.reservedTokens ?? 0;
  // A teacher's extra allowance for this day only, on top of the budget.
  const extra = row?.extraTokens ?? 0;
  return {
    budget,
    extra,
    used,
    reserved,
    left: Math.max(0, budget + extra - used - reserved),
    resetAt: nextUtcMidnight(key.day),
  };
}
