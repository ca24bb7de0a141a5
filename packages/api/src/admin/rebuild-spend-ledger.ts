import type { Prisma } from '@lumi/db';
import { prepareStatement, sql, type Params } from '@lumi/db/statement';
import type { LumiServices } from '../context';
import { utcDay } from '../chat/budget';
import { utcMonth } from '../chat/spend-caps';
import { capDefaultArgs, capsSql, type CapDefaultParams } from '../chat/store/spend';

/**
 * Rewrites the spend ledger from what it stands for, after an admin changed caps: today's and this month's spending
 * from the usage rows, what replies still streaming hold from their messages, and the caps now in force, one row
 * per capped scope (the installation, each teacher whose classes spent). Needed because a scope without a cap is
 * never written by a turn (spend-caps.ts), so a cap set mid-month would otherwise start from nothing. The table is
 * locked for the moment this takes, so no turn reserves in between. Runs inside the caller's transaction.
 */
export async function rebuildSpendLedger(
  tx: Prisma.TransactionClient,
  services: Pick<LumiServices, 'now' | 'spendCapDefaults'>,
): Promise<void> {
  const now = services.now();
  const day = utcDay(now);
  const month = utcMonth(now);
  await tx.$executeRaw`LOCK TABLE "SpendLedger" IN SHARE ROW EXCLUSIVE MODE`;
  await tx.$executeRaw`DELETE FROM "SpendLedger"`;
  await rebuild.execute(tx, { ...capDefaultArgs(services.spendCapDefaults), day, month });
}

const cap = (period: 'Day' | 'Month') =>
  sql.raw(`CASE WHEN t."teacherId" IS NULL THEN c."${period.toLowerCase()}Cap" ELSE c."teacher${period}Cap" END`);

const rebuild = prepareStatement(
  'lumi_rebuild_spend_ledger',
  (_, p: CapDefaultParams & Params<{ day: Date; month: Date }>) => sql`
    WITH amounts AS (
      SELECT k."teacherId", u."costMicros"::bigint AS "spent", 0::bigint AS "held", u."createdAt" >= ${p.day}::timestamp(3) AS "today"
      FROM "UsageEvent" u LEFT JOIN "Class" k ON k."id" = u."classId"
      WHERE u."createdAt" >= ${p.month}::timestamp(3)
      UNION ALL
      SELECT k."teacherId", 0::bigint, m."reservedMicros"::bigint, m."createdAt" >= ${p.day}::timestamp(3)
      FROM "Message" m JOIN "Conversation" v ON v."id" = m."conversationId" LEFT JOIN "Class" k ON k."id" = v."classId"
      WHERE m."status" = 'STREAMING' AND m."reservedMicros" > 0 AND m."createdAt" >= ${p.month}::timestamp(3)
    ), scoped AS (
      -- Everything counts for the installation (teacher null); a class's spending for its teacher too.
      SELECT NULL::text AS "teacherId", "spent", "held", "today" FROM amounts
      UNION ALL SELECT "teacherId", "spent", "held", "today" FROM amounts WHERE "teacherId" IS NOT NULL
    ), totals AS (
      SELECT "teacherId",
        coalesce(sum("spent") FILTER (WHERE "today"), 0) AS "daySpent", sum("spent") AS "monthSpent",
        coalesce(sum("held") FILTER (WHERE "today"), 0) AS "dayHeld", sum("held") AS "monthHeld"
      FROM scoped GROUP BY "teacherId"
    )
    INSERT INTO "SpendLedger" ("scope", "day", "daySpentMicros", "dayReservedMicros", "dayCapMicros", "month",
      "monthSpentMicros", "monthReservedMicros", "monthCapMicros", "updatedAt")
    -- The scope names of spend-caps.ts: 'installation' and 'teacher:<id>'.
    SELECT coalesce('teacher:' || t."teacherId", 'installation'), ${p.day}::date, t."daySpent", t."dayHeld",
      ${cap('Day')}, ${p.month}::date, t."monthSpent", t."monthHeld", ${cap('Month')}, now()
    FROM totals t CROSS JOIN LATERAL (${capsSql(p, sql.ref('t.teacherId'))}) c
    WHERE ${cap('Day')} IS NOT NULL OR ${cap('Month')} IS NOT NULL`,
);
