import { Prisma } from '@lumi/db';
import type { LumiServices } from '../context';
import { utcDay } from '../chat/budget';
import { capsSql, utcMonth } from '../chat/spend-caps';

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
  const cap = (period: 'Day' | 'Month') =>
    Prisma.raw(`CASE WHEN t."teacherId" IS NULL THEN c."${period.toLowerCase()}Cap" ELSE c."teacher${period}Cap" END`);
  await tx.$executeRaw`
    WITH amounts AS (
      SELECT k."teacherId", u."costMicros"::bigint AS "spent", 0::bigint AS "held", u."createdAt" >= ${day} AS "today"
      FROM "UsageEvent" u LEFT JOIN "Class" k ON k."id" = u."classId"
      WHERE u."createdAt" >= ${month}
      UNION ALL
      SELECT k."teacherId", 0::bigint, m."reservedMicros"::bigint, m."createdAt" >= ${day}
      FROM "Message" m JOIN "Conversation" v ON v."id" = m."conversationId" LEFT JOIN "Class" k ON k."id" = v."classId"
      WHERE m."status" = 'STREAMING' AND m."reservedMicros" > 0 AND m."createdAt" >= ${month}
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
    SELECT coalesce('teacher:' || t."teacherId", 'installation'), ${day}::date, t."daySpent", t."dayHeld",
      ${cap('Day')}, ${month}::date, t."monthSpent", t."monthHeld", ${cap('Month')}, now()
    FROM totals t CROSS JOIN LATERAL (${capsSql(services.spendCapDefaults, Prisma.sql`t."teacherId"`)}) c
    WHERE ${cap('Day')} IS NOT NULL OR ${cap('Month')} IS NOT NULL`;
}
