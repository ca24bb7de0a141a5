import { adminProcedure } from '../trpc';
import { rebuildSpendLedger } from './rebuild-spend-ledger';
import { setSpendCapsInput, toMicros } from './teachers.types';

/**
 * Saves the school's caps (whole installation, and each teacher's by default) in US dollars; null is no cap. From
 * then on they, not the environment's LUMI_SPEND_CAP_*, are in force, on every node from the next turn.
 */
export const setSpendCapsRoute = adminProcedure.input(setSpendCapsInput).mutation(async ({ ctx, input }) => {
  const caps = {
    capsSavedAt: ctx.now(),
    spendCapDayMicros: toMicros(input.dayUsd),
    spendCapMonthMicros: toMicros(input.monthUsd),
    teacherSpendCapDayMicros: toMicros(input.teacherDayUsd),
    teacherSpendCapMonthMicros: toMicros(input.teacherMonthUsd),
  };
  await ctx.db.$transaction(async (tx) => {
    await tx.installationSettings.upsert({ where: { id: 1 }, create: { id: 1, ...caps }, update: caps });
    await rebuildSpendLedger(tx, ctx);
  });
  return input;
});
