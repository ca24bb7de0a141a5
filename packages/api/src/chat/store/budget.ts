import { prepareStatement, qb, sql, type Expression, type Params } from '@lumi/db/statement';

/**
 * A student's daily token budget (the BudgetDay row of a user, scope and UTC day): the statements and fragments
 * every reservation, settlement and charge of tokens is made of.
 */
export type BudgetKeyParams = Params<{ userId: string; scope: string; day: Date }>;

const thisDay = (k: BudgetKeyParams) =>
  qb
    .selectFrom('BudgetDay as b')
    .where('b.userId', '=', k.userId)
    .where('b.scope', '=', k.scope)
    .where('b.day', '=', sql<Date>`${k.day}::date`);

/** The extra allowance a teacher gave for this day (0 without a row): read unlocked, to decide whether to try. */
const dayExtra = (k: BudgetKeyParams) => sql<number>`coalesce(${thisDay(k).select('b.extraTokens')}, 0)`;

/** What `budget` leaves of the day once the tokens used and held, less any extra, are taken; may be negative. */
export const budgetLeftSql = (k: BudgetKeyParams, budget: Expression<number>) =>
  sql<number>`${budget}::int - coalesce(${thisDay(k).select(
    sql<number>`b."usedTokens" + b."reservedTokens" - b."extraTokens"`.as('held'),
  )}, 0)`;

/**
 * Reserves `amount` tokens on the day's row when the budget plus the day's extra still holds them: one INSERT ... ON
 * CONFLICT DO UPDATE whose WHERE is evaluated on the locked row, so concurrent turns on any node never overspend.
 * No row is proposed, so no conflict is tried, unless the budget plus the day's extra could hold it. Returns a row
 * when reserved.
 */
export const reserveTokensSql = (k: BudgetKeyParams, amount: Expression<number>, budget: Expression<number>) =>
  qb
    .insertInto('BudgetDay')
    .columns(['userId', 'scope', 'day', 'usedTokens', 'reservedTokens', 'updatedAt'])
    .expression(
      qb
        .selectNoFrom([
          sql<string>`${k.userId}::text`.as('userId'),
          sql<string>`${k.scope}::text`.as('scope'),
          sql<Date>`${k.day}::date`.as('day'),
          sql<number>`0`.as('usedTokens'),
          sql<number>`${amount}::int`.as('reservedTokens'),
          sql<Date>`now()`.as('updatedAt'),
        ])
        .where(sql<boolean>`${amount}::int <= ${budget}::int + ${dayExtra(k)}`),
    )
    .onConflict((oc) =>
      oc
        .columns(['userId', 'scope', 'day'])
        .doUpdateSet({
          reservedTokens: sql<number>`"BudgetDay"."reservedTokens" + ${amount}::int`,
          updatedAt: sql<Date>`now()`,
        })
        .where(
          sql<boolean>`"BudgetDay"."usedTokens" + "BudgetDay"."reservedTokens" + ${amount}::int
            <= ${budget}::int + "BudgetDay"."extraTokens"`,
        ),
    )
    .returning(sql<number>`1`.as('reserved'));

/** Swaps a reservation for what was really spent (which may be zero when the upstream failed). */
export const settleTokensSql = (k: BudgetKeyParams, reserved: Expression<number>, used: Expression<number>) =>
  qb
    .updateTable('BudgetDay')
    .set({
      reservedTokens: sql<number>`GREATEST("reservedTokens" - ${reserved}::int, 0)`,
      usedTokens: sql<number>`"usedTokens" + ${used}::int`,
      updatedAt: sql<Date>`now()`,
    })
    .where('userId', '=', k.userId)
    .where('scope', '=', k.scope)
    .where('day', '=', sql<Date>`${k.day}::date`);

export const reserveTokens = prepareStatement(
  'lumi_reserve_tokens',
  (_, p: BudgetKeyParams & Params<{ amount: number; budget: number }>) => reserveTokensSql(p, p.amount, p.budget),
);

export const settleTokens = prepareStatement(
  'lumi_settle_tokens',
  (_, p: BudgetKeyParams & Params<{ reserved: number; used: number }>) => settleTokensSql(p, p.reserved, p.used),
);

/** Spending outside a reservation (a rolling summary), counted so no token goes unrecorded. */
export const chargeTokens = prepareStatement('lumi_charge_tokens', (_, p: BudgetKeyParams & Params<{ used: number }>) =>
  qb
    .insertInto('BudgetDay')
    .values({
      userId: p.userId,
      scope: p.scope,
      day: sql<Date>`${p.day}::date`,
      usedTokens: sql<number>`${p.used}::int`,
      reservedTokens: 0,
      updatedAt: sql<Date>`now()`,
    })
    .onConflict((oc) =>
      oc.columns(['userId', 'scope', 'day']).doUpdateSet({
        usedTokens: sql<number>`"BudgetDay"."usedTokens" + ${p.used}::int`,
        updatedAt: sql<Date>`now()`,
      }),
    ),
);
