import { SettingError, type Env } from '@lumi/chat-core';
import { Prisma } from '@lumi/db';
import type { LumiServices } from '../context';
import { utcDay } from './budget';

type Db = LumiServices['db'];

/**
 * Money caps in micro-dollars from the environment, used until an admin saves the installation's settings
 * (InstallationSettings); null is no cap.
 */
export interface SpendCapDefaults {
  dayMicros: number | null;
  monthMicros: number | null;
  teacherDayMicros: number | null;
  teacherMonthMicros: number | null;
}

/** A cap in US dollars (cents allowed), as micro-dollars; null when the variable is unset or blank. */
export function envUsdMicros(env: Env, name: string): number | null {
  const raw = env[name]?.trim();
  if (!raw) return null;
  if (!/^\d{1,9}(\.\d{1,6})?$/.test(raw)) {
    throw new SettingError(`${name} must be an amount in US dollars such as 25 or 2.50, not "${raw}".`);
  }
  return Math.round(Number(raw) * 1_000_000);
}

export function spendCapDefaultsFromEnv(env: Env): SpendCapDefaults {
  return {
    dayMicros: envUsdMicros(env, 'LUMI_SPEND_CAP_DAY_USD'),
    monthMicros: envUsdMicros(env, 'LUMI_SPEND_CAP_MONTH_USD'),
    teacherDayMicros: envUsdMicros(env, 'LUMI_TEACHER_SPEND_CAP_DAY_USD'),
    teacherMonthMicros: envUsdMicros(env, 'LUMI_TEACHER_SPEND_CAP_MONTH_USD'),
  };
}

export const INSTALLATION_SCOPE = 'installation';
export const teacherScope = (teacherId: string) => `teacher:${teacherId}`;

/** The first day of at's UTC month. */
export function utcMonth(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
}

export function nextUtcMonth(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
}

/** What one turn spends against: the installation, and the teacher of the class it is charged to (if any). */
export interface SpendKey {
  teacherId: string | null;
  /** The UTC day and month the reservation was made in: a reply that ends after midnight settles there. */
  day: Date;
  month: Date;
}

export function spendKey(teacherId: string | null, at: Date): SpendKey {
  return { teacherId, day: utcDay(at), month: utcMonth(at) };
}

/**
 * The caps in force for the installation and for a teacher (null without one), for a CTE named "caps": the
 * teacher's own, else the installation's saved settings, else the environment's defaults (only until an admin saves
 * caps). A teacher waiting for approval, or disabled, has caps of 0: their classes spend nothing (a free model, the
 * offline demo tutor, still answers). `teacherId` may be a column of an outer query (a lateral join).
 */
export function capsSql(defaults: SpendCapDefaults, teacherId: string | null | Prisma.Sql) {
  const saved = Prisma.sql`i."capsSavedAt" IS NOT NULL`;
  const barred = Prisma.sql`(u."disabledAt" IS NOT NULL OR u."pendingApproval")`;
  return Prisma.sql`
    SELECT
      CASE WHEN ${saved} THEN i."spendCapDayMicros" ELSE ${defaults.dayMicros}::bigint END AS "dayCap",
      CASE WHEN ${saved} THEN i."spendCapMonthMicros" ELSE ${defaults.monthMicros}::bigint END AS "monthCap",
      CASE WHEN ${barred} THEN 0::bigint ELSE coalesce(t."dayMicros", CASE WHEN ${saved}
        THEN i."teacherSpendCapDayMicros" ELSE ${defaults.teacherDayMicros}::bigint END) END AS "teacherDayCap",
      CASE WHEN ${barred} THEN 0::bigint ELSE coalesce(t."monthMicros", CASE WHEN ${saved}
        THEN i."teacherSpendCapMonthMicros" ELSE ${defaults.teacherMonthMicros}::bigint END) END AS "teacherMonthCap"
    FROM (SELECT 1) AS one LEFT JOIN "InstallationSettings" i ON i."id" = 1
      LEFT JOIN "TeacherSpendCap" t ON t."teacherId" = ${teacherId}::text
      LEFT JOIN "User" u ON u."id" = ${teacherId}::text`;
}

/**
 * Reserves `micros` on one scope when `when` (a boolean SQL expression) holds, the scope has a cap (an uncapped
 * scope's row is never written: every turn would otherwise queue on the one installation row for nothing) and the
 * scope's day and month caps still hold it; returns the scope when reserved. One INSERT ... ON CONFLICT DO UPDATE
 * whose WHERE is evaluated on the locked row, so concurrent turns on any node never pass a cap. A row of an earlier
 * day or month starts over; one a node with its clock ahead already moved on is taken as the current period.
 */
function reserveScopeSql(scope: string | null, key: SpendKey, micros: number, caps: CapColumns, when: Prisma.Sql) {
  return Prisma.sql`
    INSERT INTO "SpendLedger" AS l ("scope", "day", "dayReservedMicros", "dayCapMicros", "month",
      "monthReservedMicros", "monthCapMicros", "updatedAt")
    SELECT ${scope}::text, ${key.day}::date, ${micros}::bigint, c.${caps.day}, ${key.month}::date, ${micros}::bigint,
      c.${caps.month}, now()
    FROM caps c
    WHERE ${scope}::text IS NOT NULL AND ${when} AND NOT ${uncapped(caps)}
      AND (c.${caps.day} IS NULL OR ${micros}::bigint <= c.${caps.day})
      AND (c.${caps.month} IS NULL OR ${micros}::bigint <= c.${caps.month})
    ON CONFLICT ("scope") DO UPDATE SET
      "daySpentMicros" = CASE WHEN l."day" >= EXCLUDED."day" THEN l."daySpentMicros" ELSE 0 END,
      "dayReservedMicros" = CASE WHEN l."day" >= EXCLUDED."day" THEN l."dayReservedMicros" ELSE 0 END
        + EXCLUDED."dayReservedMicros",
      "day" = GREATEST(l."day", EXCLUDED."day"), "dayCapMicros" = EXCLUDED."dayCapMicros",
      "monthSpentMicros" = CASE WHEN l."month" >= EXCLUDED."month" THEN l."monthSpentMicros" ELSE 0 END,
      "monthReservedMicros" = CASE WHEN l."month" >= EXCLUDED."month" THEN l."monthReservedMicros" ELSE 0 END
        + EXCLUDED."monthReservedMicros",
      "month" = GREATEST(l."month", EXCLUDED."month"), "monthCapMicros" = EXCLUDED."monthCapMicros",
      "updatedAt" = now()
    WHERE (EXCLUDED."dayCapMicros" IS NULL OR CASE WHEN l."day" >= EXCLUDED."day"
        THEN l."daySpentMicros" + l."dayReservedMicros" ELSE 0 END + EXCLUDED."dayReservedMicros" <= EXCLUDED."dayCapMicros")
      AND (EXCLUDED."monthCapMicros" IS NULL OR CASE WHEN l."month" >= EXCLUDED."month"
        THEN l."monthSpentMicros" + l."monthReservedMicros" ELSE 0 END + EXCLUDED."monthReservedMicros"
          <= EXCLUDED."monthCapMicros")
    RETURNING l."scope"`;
}

const uncapped = (caps: CapColumns) => Prisma.sql`(c.${caps.day} IS NULL AND c.${caps.month} IS NULL)`;

interface CapColumns {
  day: Prisma.Sql;
  month: Prisma.Sql;
}
const INSTALLATION_CAPS: CapColumns = { day: Prisma.raw('"dayCap"'), month: Prisma.raw('"monthCap"') };
const TEACHER_CAPS: CapColumns = { day: Prisma.raw('"teacherDayCap"'), month: Prisma.raw('"teacherMonthCap"') };

/**
 * CTEs "caps", "spend_installation" and "spend_teacher" (a row each when reserved on the ledger), "spend_ok" (one
 * boolean: every cap held, by reserving or by there being no cap to hold), "installation_ok" and "spend_refused",
 * reserving when `when` holds. Every statement that writes ledger rows locks the installation's before the
 * teacher's (the teacher's CTE reads the installation's, so runs after it), so two turns never deadlock; the
 * teacher's cap is tried only once the installation's held.
 */
export function reserveSpendCtes(defaults: SpendCapDefaults, key: SpendKey, micros: number, when: Prisma.Sql) {
  const teacher = key.teacherId && teacherScope(key.teacherId);
  return Prisma.sql`
    caps AS (${capsSql(defaults, key.teacherId)}),
    spend_installation AS (${reserveScopeSql(INSTALLATION_SCOPE, key, micros, INSTALLATION_CAPS, when)}),
    installation_ok AS (
      SELECT ${when} AND (EXISTS (SELECT 1 FROM spend_installation) OR ${uncapped(INSTALLATION_CAPS)}) AS ok
      FROM caps c
    ),
    spend_teacher AS (${reserveScopeSql(
      teacher,
      key,
      micros,
      TEACHER_CAPS,
      Prisma.sql`(SELECT ok FROM installation_ok)`,
    )}),
    spend_ok AS (
      SELECT (SELECT ok FROM installation_ok)
        AND (${teacher}::text IS NULL OR EXISTS (SELECT 1 FROM spend_teacher) OR ${uncapped(TEACHER_CAPS)}) AS ok
      FROM caps c
    ),
    spend_refused AS (
      -- Which cap refused: the teacher's when the installation's held; the month's when it is the only one set, or
      -- full as of this statement's snapshot (concurrent turns may have moved on since; then the day's is named).
      SELECT (SELECT ok FROM installation_ok) AS "teacher",
        CASE WHEN (SELECT ok FROM installation_ok)
          THEN c."teacherMonthCap" IS NOT NULL AND (c."teacherDayCap" IS NULL OR ${monthFull(teacher, key, micros, TEACHER_CAPS)})
          ELSE c."monthCap" IS NOT NULL AND (c."dayCap" IS NULL OR ${monthFull(INSTALLATION_SCOPE, key, micros, INSTALLATION_CAPS)})
        END AS "month"
      FROM caps c
    )`;
}

/**
 * The money (micro-dollars) the tightest of the turn's caps has left, as a scalar over the CTE "caps"; null when no
 * cap applies. Read in the statement that reserves, it sees the ledger as it was before that statement.
 */
export function spendLeftSql(key: SpendKey) {
  const left = (scope: string | null, period: 'day' | 'month', cap: Prisma.Sql) => {
    const at = period === 'day' ? key.day : key.month;
    const [col, spent, held] =
      period === 'day'
        ? [Prisma.raw('"day"'), Prisma.raw('"daySpentMicros"'), Prisma.raw('"dayReservedMicros"')]
        : [Prisma.raw('"month"'), Prisma.raw('"monthSpentMicros"'), Prisma.raw('"monthReservedMicros"')];
    return Prisma.sql`c.${cap} - coalesce((SELECT CASE WHEN l.${col} >= ${at}::date THEN l.${spent} + l.${held} ELSE 0 END
      FROM "SpendLedger" l WHERE l."scope" = ${scope}::text), 0)`;
  };
  const teacher = key.teacherId && teacherScope(key.teacherId);
  return Prisma.sql`(SELECT LEAST(${left(INSTALLATION_SCOPE, 'day', INSTALLATION_CAPS.day)},
      ${left(INSTALLATION_SCOPE, 'month', INSTALLATION_CAPS.month)},
      CASE WHEN ${teacher}::text IS NULL THEN NULL ELSE ${left(teacher, 'day', TEACHER_CAPS.day)} END,
      CASE WHEN ${teacher}::text IS NULL THEN NULL ELSE ${left(teacher, 'month', TEACHER_CAPS.month)} END)
    FROM caps c)`;
}

function monthFull(scope: string | null, key: SpendKey, micros: number, caps: CapColumns) {
  return Prisma.sql`coalesce((SELECT CASE WHEN l."month" >= ${key.month}::date
    THEN l."monthSpentMicros" + l."monthReservedMicros" END FROM "SpendLedger" l WHERE l."scope" = ${scope}::text), 0)
    + ${micros}::bigint > c.${caps.month}`;
}

/**
 * CTEs "ledger_installation" and "ledger_teacher": give back `reserved` micro-dollars and record `spent` on the
 * turn's scopes, in the period the reservation was made (a period that has since started over keeps its own
 * totals). A scope without a cap is left alone, as its reservation left it (an admin saving caps rebuilds the rows:
 * rebuildSpendLedger). The installation's row first, as in reserveSpendCtes; `after` can name CTEs whose rows must be locked
 * before these (PostgreSQL runs unreferenced CTEs in no documented order).
 */
export function settleSpendCtes(
  key: SpendKey,
  reserved: Prisma.Sql | number,
  spent: Prisma.Sql | number,
  after: Prisma.Sql = Prisma.sql`true`,
) {
  const update = (scope: string | null, after: Prisma.Sql) => Prisma.sql`
    UPDATE "SpendLedger" SET
      "dayReservedMicros" = CASE WHEN "day" = ${key.day}::date
        THEN GREATEST("dayReservedMicros" - ${reserved}::bigint, 0) ELSE "dayReservedMicros" END,
      "daySpentMicros" = CASE WHEN "day" = ${key.day}::date THEN "daySpentMicros" + ${spent}::bigint
        ELSE "daySpentMicros" END,
      "monthReservedMicros" = CASE WHEN "month" = ${key.month}::date
        THEN GREATEST("monthReservedMicros" - ${reserved}::bigint, 0) ELSE "monthReservedMicros" END,
      "monthSpentMicros" = CASE WHEN "month" = ${key.month}::date THEN "monthSpentMicros" + ${spent}::bigint
        ELSE "monthSpentMicros" END,
      "updatedAt" = now()
    WHERE "scope" = ${scope}::text AND ("dayCapMicros" IS NOT NULL OR "monthCapMicros" IS NOT NULL) AND ${after}
    RETURNING 1`;
  return Prisma.sql`
    ledger_installation AS (${update(INSTALLATION_SCOPE, after)}),
    ledger_teacher AS (${update(
      key.teacherId && teacherScope(key.teacherId),
      Prisma.sql`(SELECT count(*) FROM ledger_installation) >= 0`,
    )})`;
}

/** Settles (or releases, with spent 0) a reservation on its own. */
export async function settleSpend(
  db: Db | Prisma.TransactionClient,
  key: SpendKey,
  reserved: number,
  spent: number,
): Promise<void> {
  if (reserved === 0 && spent === 0) return;
  await db.$executeRaw`WITH ${settleSpendCtes(key, reserved, spent)} SELECT (SELECT count(*) FROM ledger_teacher)`;
}

/** Spending outside a reservation (a rolling summary): recorded so the caps count it. */
export async function chargeSpend(db: Db | Prisma.TransactionClient, key: SpendKey, spent: number): Promise<void> {
  if (spent === 0) return;
  await db.$executeRaw`WITH ${settleSpendCtes(key, 0, spent)} SELECT (SELECT count(*) FROM ledger_teacher)`;
}

/**
 * Reserves `micros` against the installation's and the teacher's caps on its own (a model call outside a chat turn:
 * language-practice grading); when the teacher's cap refuses after the installation's reserved, that is given back.
 */
export async function reserveSpend(
  db: Db,
  defaults: SpendCapDefaults,
  key: SpendKey,
  micros: number,
): Promise<boolean> {
  const [row] = await db.$queryRaw<[{ ok: boolean; installationReserved: boolean }]>`
    WITH ${reserveSpendCtes(defaults, key, micros, Prisma.sql`true`)}
    SELECT (SELECT ok FROM spend_ok) AS "ok", EXISTS (SELECT 1 FROM spend_installation) AS "installationReserved"`;
  if (!row.ok && row.installationReserved) await releaseInstallation(db, key, micros);
  return row.ok;
}

/**
 * Gives back the installation's reservation of a turn the teacher's cap refused (one row: no lock order to keep).
 */
export async function releaseInstallation(db: Db, key: SpendKey, micros: number): Promise<void> {
  if (micros === 0) return;
  await db.$executeRaw`
    UPDATE "SpendLedger" SET
      "dayReservedMicros" = GREATEST("dayReservedMicros" - ${micros}::bigint, 0),
      "monthReservedMicros" = GREATEST("monthReservedMicros" - ${micros}::bigint, 0), "updatedAt" = now()
    WHERE "scope" = ${INSTALLATION_SCOPE} AND "day" = ${key.day}::date AND "month" = ${key.month}::date`;
}
