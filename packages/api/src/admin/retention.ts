import { Prisma } from '@lumi/db';
import type { LumiServices } from '../context';
import { utcDay } from '../chat/budget';

const DAY_MS = 86_400_000;
/** Held for the job's transaction, so two nodes (or the timer and an admin's "run now") never run it at once. */
export const RETENTION_LOCK = 7_463_201;
/** How often each node looks whether today's run is still to do. */
export const RETENTION_CHECK_MS = 3_600_000;

export type RetentionRun =
  | { status: 'off' }
  | { status: 'not-due'; lastRunAt: Date }
  | { status: 'busy' }
  | { status: 'done'; removed: number; cutoff: Date; ranAt: Date };

/**
 * Removes the text of every message older than the school's retention period: the content is emptied (the
 * search vector, computed from it, empties with it) and `redactedAt` set, while token counts, usage and cost rows,
 * flags and statuses stay. What was built from that text goes too: the rolling summary and the title (taken from
 * the first message) of each conversation it touched, the practice correction cards of those messages, drill
 * answers older than the cutoff, the quoted text of reports of roleplays begun before it (scores stay), teachers'
 * notes on practice attempts written before it (grades stay) and class insights of weeks wholly before it. Runs
 * once per UTC day unless `force`d; one
 * transaction under an advisory lock, so a second node (or a second click) finds it busy instead of running twice.
 */
export async function runRetention(
  services: Pick<LumiServices, 'db' | 'now'>,
  options: { force?: boolean } = {},
): Promise<RetentionRun> {
  return services.db.$transaction(
    async (tx) => {
      const [lock] = await tx.$queryRaw<
        [{ locked: boolean }]
      >`SELECT pg_try_advisory_xact_lock(${RETENTION_LOCK}) AS "locked"`;
      if (!lock.locked) return { status: 'busy' };
      const settings = await tx.installationSettings.findUnique({ where: { id: 1 } });
      const days = settings?.messageRetentionDays ?? null;
      if (days === null) return { status: 'off' };
      const now = services.now();
      const last = settings?.retentionLastRunAt ?? null;
      if (!options.force && last && utcDay(last).getTime() >= utcDay(now).getTime()) {
        return { status: 'not-due', lastRunAt: last };
      }
      const cutoff = new Date(now.getTime() - days * DAY_MS);
      const [{ removed }] = await tx.$queryRaw<[{ removed: number }]>(Prisma.sql`
        WITH redacted AS (
          UPDATE "Message" SET "content" = '', "redactedAt" = ${now}, "updatedAt" = ${now}
          WHERE "createdAt" < ${cutoff} AND "redactedAt" IS NULL AND "status" <> 'STREAMING'
          RETURNING "id", "conversationId"
        ), conversations AS (
          -- The first message is the oldest, so it is among the removed (now or before): the title taken from it
          -- and the summary (which always covers the oldest turns) go.
          UPDATE "Conversation" SET "title" = 'New session', "summary" = NULL, "summaryTokens" = 0, "updatedAt" = ${now}
          WHERE "id" IN (SELECT "conversationId" FROM redacted)
        ), cards AS (
          UPDATE "TurnFeedback" SET "corrections" = '[]', "corrected" = NULL, "updatedAt" = ${now}
          WHERE "messageId" IN (SELECT "id" FROM redacted)
        ), answers AS (
          UPDATE "DrillAnswer"
          SET "answer" = '', "corrections" = '[]', "better" = NULL, "alternatives" = '{}', "comment" = NULL,
              "updatedAt" = ${now}
          WHERE "createdAt" < ${cutoff} AND "answer" <> ''
        ), reports AS (
          -- A roleplay's report quotes the learner (level evidence, corrections, the summary, the words they used);
          -- the text goes, the scores, level and objectives met stay. Drill summaries hold only numbers.
          UPDATE "PracticeAttempt" a SET "report" = r."redacted", "updatedAt" = ${now}
          FROM (
            SELECT "id", jsonb_set(jsonb_set(jsonb_set(jsonb_set("report", '{summary}', 'null'), '{corrections}', '[]'),
                '{level,evidence}', '[]'),
              '{objectives}', coalesce((SELECT jsonb_agg(o - 'used') FROM jsonb_array_elements("report"->'objectives') o), '[]')
            ) AS "redacted"
            FROM "PracticeAttempt"
            WHERE "kind" = 'ROLEPLAY' AND "report" IS NOT NULL AND "startedAt" < ${cutoff}
          ) r
          WHERE a."id" = r."id" AND a."report" IS DISTINCT FROM r."redacted"
        ), insights AS (
          -- A class insight retells its week's messages: it goes once the whole week is past the cutoff.
          DELETE FROM "ClassInsight" WHERE "weekStart" + 7 <= ${cutoff}::date
        )
        -- PostgreSQL runs every data-modifying WITH to completion, read or not.
        SELECT count(*)::int AS "removed" FROM redacted`);
      // A teacher's note on a practice attempt is text about the student: it goes once it is older than the period
      // (the grade stays). Apart from the statement above, which may rewrite the same attempts' reports.
      await tx.$executeRaw`
        UPDATE "PracticeAttempt" SET "teacherNote" = NULL, "updatedAt" = ${now}
        WHERE "teacherNote" IS NOT NULL AND "teacherGradedAt" < ${cutoff}`;
      await tx.$executeRaw`
        UPDATE "PracticeGradeChange" SET "note" = NULL WHERE "note" IS NOT NULL AND "createdAt" < ${cutoff}`;
      await tx.installationSettings.update({
        where: { id: 1 },
        data: { retentionLastRunAt: now, retentionLastRemoved: removed },
      });
      return { status: 'done', removed, cutoff, ranAt: now };
    },
    // The first run on a school's years of messages rewrites many rows; later runs only a day's worth.
    { maxWait: 10_000, timeout: 600_000 },
  );
}

/**
 * Each node looks once as it starts and then every hour; the lock and the day of the last run make the work
 * happen once a day across all of them. Returns the stop function.
 */
export function scheduleRetention(services: Pick<LumiServices, 'db' | 'now' | 'log'>, everyMs = RETENTION_CHECK_MS) {
  const tick = () => {
    runRetention(services)
      .then((run) => {
        if (run.status === 'done') services.log.info({ removed: run.removed, cutoff: run.cutoff }, 'retention ran');
      })
      .catch((error: unknown) => services.log.error({ err: error }, 'retention failed'));
  };
  tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
