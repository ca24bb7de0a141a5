import { expect, it } from 'vitest';
import { dayAgo, dashboardWorld } from './dashboard-fixtures';
import { callerAs } from './roles';

// The dashboard's charts read UsageDay, a daily rollup kept by triggers on UsageEvent. Whatever writes usage rows
// (one at a time or many in one statement), changes them (a student's data deleted, a class deleted) or deletes
// them, the rollup stays the exact sums of the rows.
const { world, fixture } = dashboardWorld();

/** The rollup, and the same sums computed from the usage rows, keyed alike. */
async function rollupAndRows() {
  const db = world.db.prisma;
  const rollup = await db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT "classId", "day"::text, "userId", "model", "bucket", "promptTokens"::int, "completionTokens"::int,
      "costMicros"::int, "events" FROM "UsageDay" ORDER BY 1, 2, 3, 4, 5`;
  const rows = await db.$queryRaw<Array<Record<string, unknown>>>`
    SELECT "classId", "createdAt"::date::text AS "day", coalesce("userId", '') AS "userId", "model",
      coalesce("mode"::text, "kind"::text) AS "bucket", sum("promptTokens")::int AS "promptTokens",
      sum("completionTokens")::int AS "completionTokens", sum("costMicros")::int AS "costMicros",
      count(*)::int AS "events"
    FROM "UsageEvent" WHERE "classId" IS NOT NULL GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`;
  return { rollup, rows };
}

async function expectExact() {
  const { rollup, rows } = await rollupAndRows();
  expect(rollup.length).toBeGreaterThan(0);
  expect(rollup).toEqual(rows);
}

it('holds the exact sums of the usage rows through inserts, updates and deletes', async () => {
  const db = world.db.prisma;
  await expectExact();
  // Usage rows are stamped with their session's mode as they are written.
  const stamped = await db.usageEvent.findFirstOrThrow({ where: { conversationId: fixture.conversationId } });
  expect(stamped.mode).toBe('SCIENCE');

  // Many rows in one statement: one reply each, an exercise and a personal chat (no class: not rolled up).
  const at = dayAgo(new Date(), 2);
  await db.usageEvent.createMany({
    data: [
      ...Array.from({ length: 5 }, (_, i) => ({
        userId: world.users.otherStudent.id,
        classId: world.classId,
        conversationId: fixture.conversationId,
        kind: 'CHAT' as const,
        model: i % 2 ? 'gpt-4o' : 'gpt-4o-mini',
        promptTokens: 100 + i,
        completionTokens: 20 + i,
        costMicros: 300 + i,
        createdAt: at,
      })),
      {
        userId: world.users.student.id,
        classId: world.classId,
        kind: 'EXERCISE',
        model: 'gpt-4o-mini',
        promptTokens: 40,
        completionTokens: 9,
        costMicros: 77,
        createdAt: at,
      },
      {
        userId: world.users.student.id,
        classId: null,
        conversationId: fixture.personalConversationId,
        kind: 'CHAT',
        model: 'gpt-4o-mini',
        promptTokens: 1,
        completionTokens: 1,
        costMicros: 1,
      },
    ],
  });
  await expectExact();

  // A row corrected; then the session deleted (its rows keep their mode); then a student's rows made anonymous.
  const one = await db.usageEvent.findFirstOrThrow({ where: { userId: world.users.otherStudent.id } });
  await db.usageEvent.update({ where: { id: one.id }, data: { costMicros: 999, promptTokens: 5 } });
  await expectExact();
  await db.conversation.delete({ where: { id: fixture.conversationId } });
  expect(await db.usageEvent.count({ where: { conversationId: null, mode: 'SCIENCE' } })).toBeGreaterThan(0);
  await expectExact();
  await db.usageEvent.updateMany({ where: { userId: world.users.otherStudent.id }, data: { userId: null } });
  await expectExact();
  expect(await db.usageDay.count({ where: { userId: world.users.otherStudent.id } })).toBe(0);

  // The chart still adds up and stacks the deleted session's usage under its mode.
  const from = dayAgo(new Date(), 10).toISOString().slice(0, 10);
  const to = new Date().toISOString().slice(0, 10);
  const byMode = await callerAs(world, 'teacher').teacher.usage({ classId: world.classId, from, to, groupBy: 'mode' });
  expect(byMode.keys).toContain('SCIENCE');
  const [sum] = await db.$queryRaw<[{ tokens: number; cost: number }]>`
    SELECT sum("promptTokens" + "completionTokens")::int AS "tokens", sum("costMicros")::int AS "cost"
    FROM "UsageEvent" WHERE "classId" = ${world.classId} AND "createdAt" >= ${new Date(`${from}T00:00:00Z`)}`;
  expect(byMode.totals).toMatchObject({ tokens: sum.tokens, costMicros: sum.cost });

  // Rows deleted: their keys leave the rollup once empty.
  await db.usageEvent.deleteMany({ where: { kind: 'EXERCISE' } });
  await expectExact();
  expect(await db.usageDay.count({ where: { bucket: 'EXERCISE' } })).toBe(0);
  await db.usageEvent.deleteMany({});
  expect(await db.usageDay.count()).toBe(0);
});
