import { prepareStatement, qb, sql, type Expression, type Params, type RawBuilder } from '@lumi/db/statement';
import type { LumiServices } from '../../context';
import type { SpendCapDefaults, SpendKey } from '../spend-caps';

type Db = LumiServices['db'];

/**
 * The spend caps' ledger (SpendLedger, a row per capped scope: the installation, and each teacher): the fragments
 * every reservation and settlement of money is made of. Money is in micro-dollars.
 */

/** The caps in force when no admin saved any (spend-caps.ts reads them from the environment); null is no cap. */
export type CapDefaultParams = Params<{
  capDay: number | null;
  capMonth: number | null;
  teacherCapDay: number | null;
  teacherCapMonth: number | null;
}>;

/** A turn's scopes and periods: the teacher's scope is null outside a class. */
export type SpendKeyParams = Params<{
  teacherId: string | null;
  teacherScope: string | null;
  spendDay: Date;
  spendMonth: Date;
}>;

export const INSTALLATION_SCOPE = 'installation';
export const teacherScope = (teacherId: string) => `teacher:${teacherId}`;

export const capDefaultArgs = (defaults: SpendCapDefaults) => ({
  capDay: defaults.dayMicros,
  capMonth: defaults.monthMicros,
  teacherCapDay: defaults.teacherDayMicros,
  teacherCapMonth: defaults.teacherMonthMicros,
});

export const spendKeyArgs = (key: SpendKey) => ({
  teacherId: key.teacherId,
  teacherScope: key.teacherId === null ? null : teacherScope(key.teacherId),
  spendDay: key.day,
  spendMonth: key.month,
});

/**
 * The caps in force for the installation and for a teacher (null without one), as one row (the CTE "caps"): the
 * teacher's own, else the installation's saved settings, else the environment's defaults (only until an admin saves
 * caps). A teacher waiting for approval, or disabled, has caps of 0: their classes spend nothing (a free model, the
 * offline demo tutor, still answers). `teacherId` may be a column of an outer query (a lateral join).
 */
export function capsSql(defaults: CapDefaultParams, teacherId: Expression<string | null>) {
  const saved = sql<boolean>`i."capsSavedAt" IS NOT NULL`;
  const barred = sql<boolean>`(u."disabledAt" IS NOT NULL OR u."pendingApproval")`;
  return qb
    .selectFrom(sql`(SELECT 1)`.as('one'))
    .leftJoin('InstallationSettings as i', (join) => join.on('i.id', '=', sql<number>`1`))
    .leftJoin('TeacherSpendCap as t', (join) => join.on('t.teacherId', '=', sql<string>`${teacherId}::text`))
    .leftJoin('User as u', (join) => join.on('u.id', '=', sql<string>`${teacherId}::text`))
    .select([
      sql<string | null>`CASE WHEN ${saved} THEN i."spendCapDayMicros" ELSE ${defaults.capDay}::bigint END`.as(
        'dayCap',
      ),
      sql<string | null>`CASE WHEN ${saved} THEN i."spendCapMonthMicros" ELSE ${defaults.capMonth}::bigint END`.as(
        'monthCap',
      ),
      sql<string | null>`CASE WHEN ${barred} THEN 0::bigint ELSE coalesce(t."dayMicros", CASE WHEN ${saved}
        THEN i."teacherSpendCapDayMicros" ELSE ${defaults.teacherCapDay}::bigint END) END`.as('teacherDayCap'),
      sql<string | null>`CASE WHEN ${barred} THEN 0::bigint ELSE coalesce(t."monthMicros", CASE WHEN ${saved}
        THEN i."teacherSpendCapMonthMicros" ELSE ${defaults.teacherCapMonth}::bigint END) END`.as('teacherMonthCap'),
    ]);
}

interface CapColumns {
  day: RawBuilder<unknown>;
  month: RawBuilder<unknown>;
}
const INSTALLATION_CAPS: CapColumns = { day: sql.ref('c.dayCap'), month: sql.ref('c.monthCap') };
const TEACHER_CAPS: CapColumns = { day: sql.ref('c.teacherDayCap'), month: sql.ref('c.teacherMonthCap') };

const uncapped = (caps: CapColumns) => sql<boolean>`(${caps.day} IS NULL AND ${caps.month} IS NULL)`;

/**
 * Reserves `micros` on one scope when `when` holds, the scope has a cap (an uncapped scope's row is never written:
 * every turn would otherwise queue on the one installation row for nothing) and the scope's day and month caps
 * still hold it; returns the scope when reserved. One INSERT ... ON CONFLICT DO UPDATE whose WHERE is evaluated on
 * the locked row, so concurrent turns on any node never pass a cap. A row of an earlier day or month starts over;
 * one a node with its clock ahead already moved on is taken as the current period.
 */
function reserveScopeSql(
  scope: Expression<string | null>,
  key: SpendKeyParams,
  micros: Expression<number>,
  caps: CapColumns,
  when: Expression<boolean>,
) {
  return qb
    .insertInto('SpendLedger')
    .columns([
      'scope',
      'day',
      'dayReservedMicros',
      'dayCapMicros',
      'month',
      'monthReservedMicros',
      'monthCapMicros',
      'updatedAt',
    ])
    .expression(
      sql`SELECT ${scope}::text, ${key.spendDay}::date, ${micros}::bigint, ${caps.day}, ${key.spendMonth}::date,
        ${micros}::bigint, ${caps.month}, now()
      FROM caps c
      WHERE ${scope}::text IS NOT NULL AND ${when} AND NOT ${uncapped(caps)}
        AND (${caps.day} IS NULL OR ${micros}::bigint <= ${caps.day})
        AND (${caps.month} IS NULL OR ${micros}::bigint <= ${caps.month})`,
    )
    .onConflict((oc) =>
      oc
        .column('scope')
        .doUpdateSet({
          daySpentMicros: sql<string>`CASE WHEN "SpendLedger"."day" >= EXCLUDED."day" THEN "SpendLedger"."daySpentMicros" ELSE 0 END`,
          dayReservedMicros: sql<string>`CASE WHEN "SpendLedger"."day" >= EXCLUDED."day" THEN "SpendLedger"."dayReservedMicros" ELSE 0 END
            + EXCLUDED."dayReservedMicros"`,
          day: sql<Date>`GREATEST("SpendLedger"."day", EXCLUDED."day")`,
          dayCapMicros: sql<string | null>`EXCLUDED."dayCapMicros"`,
          monthSpentMicros: sql<string>`CASE WHEN "SpendLedger"."month" >= EXCLUDED."month" THEN "SpendLedger"."monthSpentMicros" ELSE 0 END`,
          monthReservedMicros: sql<string>`CASE WHEN "SpendLedger"."month" >= EXCLUDED."month" THEN "SpendLedger"."monthReservedMicros"
            ELSE 0 END + EXCLUDED."monthReservedMicros"`,
          month: sql<Date>`GREATEST("SpendLedger"."month", EXCLUDED."month")`,
          monthCapMicros: sql<string | null>`EXCLUDED."monthCapMicros"`,
          updatedAt: sql<Date>`now()`,
        })
        .where(
          sql<boolean>`(EXCLUDED."dayCapMicros" IS NULL OR CASE WHEN "SpendLedger"."day" >= EXCLUDED."day"
            THEN "SpendLedger"."daySpentMicros" + "SpendLedger"."dayReservedMicros" ELSE 0 END + EXCLUDED."dayReservedMicros"
              <= EXCLUDED."dayCapMicros")
          AND (EXCLUDED."monthCapMicros" IS NULL OR CASE WHEN "SpendLedger"."month" >= EXCLUDED."month"
            THEN "SpendLedger"."monthSpentMicros" + "SpendLedger"."monthReservedMicros" ELSE 0 END + EXCLUDED."monthReservedMicros"
              <= EXCLUDED."monthCapMicros")`,
        ),
    )
    .returning('scope');
}

function monthFull(
  scope: Expression<string | null>,
  key: SpendKeyParams,
  micros: Expression<number>,
  caps: CapColumns,
) {
  return sql<boolean>`coalesce((SELECT CASE WHEN l."month" >= ${key.spendMonth}::date
    THEN l."monthSpentMicros" + l."monthReservedMicros" END FROM "SpendLedger" l WHERE l."scope" = ${scope}::text), 0)
    + ${micros}::bigint > ${caps.month}`;
}

const fromCaps = () => qb.selectFrom(sql<Record<string, never>>`caps`.as('c'));

/**
 * The CTEs of a reservation against the caps, to be named as the keys say, in this order: "caps";
 * "spend_installation" and "spend_teacher" (a row each when reserved on the ledger); "installation_ok"; "spend_ok"
 * (every cap held, by reserving or by there being no cap to hold); "spend_refused" (which cap refused). Every
 * statement that writes ledger rows locks the installation's before the teacher's (the teacher's CTE reads the
 * installation's, so runs after it), so two turns never deadlock; the teacher's cap is tried only once the
 * installation's held. Reserves only when `when` holds.
 */
export function reserveSpendCtes(
  defaults: CapDefaultParams,
  key: SpendKeyParams,
  micros: Expression<number>,
  when: Expression<boolean>,
) {
  const installationOk = sql<boolean>`(SELECT ok FROM installation_ok)`;
  const installation = sql<string>`${INSTALLATION_SCOPE}::text`;
  return {
    caps: () => capsSql(defaults, key.teacherId),
    spend_installation: () => reserveScopeSql(installation, key, micros, INSTALLATION_CAPS, when),
    installation_ok: () =>
      fromCaps().select(
        sql<boolean>`${when} AND (EXISTS (SELECT 1 FROM spend_installation) OR ${uncapped(INSTALLATION_CAPS)})`.as(
          'ok',
        ),
      ),
    spend_teacher: () => reserveScopeSql(key.teacherScope, key, micros, TEACHER_CAPS, installationOk),
    spend_ok: () =>
      fromCaps().select(
        sql<boolean>`${installationOk} AND (${key.teacherScope}::text IS NULL
          OR EXISTS (SELECT 1 FROM spend_teacher) OR ${uncapped(TEACHER_CAPS)})`.as('ok'),
      ),
    // Which cap refused: the teacher's when the installation's held; the month's when it is the only one set, or
    // full as of this statement's snapshot (concurrent turns may have moved on since; then the day's is named).
    spend_refused: () =>
      fromCaps().select([
        installationOk.as('teacher'),
        sql<boolean>`CASE WHEN ${installationOk}
          THEN c."teacherMonthCap" IS NOT NULL AND (c."teacherDayCap" IS NULL OR ${monthFull(key.teacherScope, key, micros, TEACHER_CAPS)})
          ELSE c."monthCap" IS NOT NULL AND (c."dayCap" IS NULL OR ${monthFull(installation, key, micros, INSTALLATION_CAPS)})
        END`.as('month'),
      ]),
  };
}

/**
 * The money (micro-dollars, as text: a bigint) the tightest of the turn's caps has left, over the CTE "caps"; null
 * when no cap applies. Read in the statement that reserves, it sees the ledger as it was before that statement.
 */
export function spendLeftSql(key: SpendKeyParams) {
  const left = (scope: Expression<string | null>, period: 'day' | 'month', cap: RawBuilder<unknown>) => {
    const at = period === 'day' ? key.spendDay : key.spendMonth;
    const [col, spent, held] =
      period === 'day'
        ? [sql.ref('l.day'), sql.ref('l.daySpentMicros'), sql.ref('l.dayReservedMicros')]
        : [sql.ref('l.month'), sql.ref('l.monthSpentMicros'), sql.ref('l.monthReservedMicros')];
    return sql`${cap} - coalesce((SELECT CASE WHEN ${col} >= ${at}::date THEN ${spent} + ${held} ELSE 0 END
      FROM "SpendLedger" l WHERE l."scope" = ${scope}::text), 0)`;
  };
  const installation = sql<string>`${INSTALLATION_SCOPE}::text`;
  const teacher = key.teacherScope;
  return sql<string | null>`(SELECT LEAST(${left(installation, 'day', INSTALLATION_CAPS.day)},
      ${left(installation, 'month', INSTALLATION_CAPS.month)},
      CASE WHEN ${teacher}::text IS NULL THEN NULL ELSE ${left(teacher, 'day', TEACHER_CAPS.day)} END,
      CASE WHEN ${teacher}::text IS NULL THEN NULL ELSE ${left(teacher, 'month', TEACHER_CAPS.month)} END)
    FROM caps c)`;
}

/**
 * Gives back `reserved` micro-dollars and records `spent` on one scope, in the period the reservation was made (a
 * period that has since started over keeps its own totals). A scope without a cap is left alone, as its reservation
 * left it (an admin saving caps rebuilds the rows: rebuildSpendLedger). `after` names CTEs whose rows must be locked
 * before this one's (PostgreSQL runs unreferenced CTEs in no documented order).
 */
function settleScopeSql(
  scope: Expression<string | null>,
  key: SpendKeyParams,
  reserved: Expression<number | string>,
  spent: Expression<number | string>,
  after: Expression<boolean>,
) {
  return qb
    .updateTable('SpendLedger')
    .set({
      dayReservedMicros: sql<string>`CASE WHEN "day" = ${key.spendDay}::date
        THEN GREATEST("dayReservedMicros" - ${reserved}::bigint, 0) ELSE "dayReservedMicros" END`,
      daySpentMicros: sql<string>`CASE WHEN "day" = ${key.spendDay}::date THEN "daySpentMicros" + ${spent}::bigint
        ELSE "daySpentMicros" END`,
      monthReservedMicros: sql<string>`CASE WHEN "month" = ${key.spendMonth}::date
        THEN GREATEST("monthReservedMicros" - ${reserved}::bigint, 0) ELSE "monthReservedMicros" END`,
      monthSpentMicros: sql<string>`CASE WHEN "month" = ${key.spendMonth}::date THEN "monthSpentMicros" + ${spent}::bigint
        ELSE "monthSpentMicros" END`,
      updatedAt: sql<Date>`now()`,
    })
    .where(
      sql<boolean>`"scope" = ${scope}::text AND ("dayCapMicros" IS NOT NULL OR "monthCapMicros" IS NOT NULL) AND ${after}`,
    )
    .returning(sql<number>`1`.as('settled'));
}

/**
 * The CTEs of a settlement on the caps, named as the keys say and in this order: "ledger_installation", then
 * "ledger_teacher" (it reads the installation's, so PostgreSQL runs it after: the lock order of reserveSpendCtes).
 */
export function settleSpendCtes(
  key: SpendKeyParams,
  reserved: Expression<number | string>,
  spent: Expression<number | string>,
  after: Expression<boolean> = sql<boolean>`true`,
) {
  return {
    ledger_installation: () => settleScopeSql(sql`${INSTALLATION_SCOPE}::text`, key, reserved, spent, after),
    ledger_teacher: () =>
      settleScopeSql(
        key.teacherScope,
        key,
        reserved,
        spent,
        sql<boolean>`(SELECT count(*) FROM ledger_installation) >= 0`,
      ),
  };
}

const reserveSpendStatement = prepareStatement(
  'lumi_reserve_spend',
  (_, p: CapDefaultParams & SpendKeyParams & Params<{ micros: number }>) => {
    const ctes = reserveSpendCtes(p, p, p.micros, sql<boolean>`true`);
    return qb
      .with('caps', ctes.caps)
      .with('spend_installation', ctes.spend_installation)
      .with('installation_ok', ctes.installation_ok)
      .with('spend_teacher', ctes.spend_teacher)
      .with('spend_ok', ctes.spend_ok)
      .selectNoFrom([
        sql<boolean>`(SELECT ok FROM spend_ok)`.as('ok'),
        sql<boolean>`EXISTS (SELECT 1 FROM spend_installation)`.as('installationReserved'),
      ]);
  },
);

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
  const [row] = await reserveSpendStatement.run(db, { ...capDefaultArgs(defaults), ...spendKeyArgs(key), micros });
  if (!row!.ok && row!.installationReserved) await releaseInstallation(db, key, micros);
  return row!.ok;
}

const settleSpendStatement = prepareStatement(
  'lumi_settle_spend',
  (_, p: SpendKeyParams & Params<{ reserved: number; spent: number }>) => {
    const ctes = settleSpendCtes(p, p.reserved, p.spent);
    return qb
      .with('ledger_installation', ctes.ledger_installation)
      .with('ledger_teacher', ctes.ledger_teacher)
      .selectNoFrom(sql<string>`(SELECT count(*) FROM ledger_teacher)`.as('settled'));
  },
);

/**
 * Settles (or releases, with spent 0) a reservation on its own; spending outside a reservation (a rolling summary)
 * is settled with nothing reserved, so the caps count it. Runs in the caller's transaction when given one.
 */
export async function settleSpend(
  db: Db | Parameters<typeof settleSpendStatement.execute>[0],
  key: SpendKey,
  reserved: number,
  spent: number,
): Promise<void> {
  if (reserved === 0 && spent === 0) return;
  await settleSpendStatement.execute(db, { ...spendKeyArgs(key), reserved, spent });
}

const releaseInstallationStatement = prepareStatement(
  'lumi_release_installation',
  (_, p: SpendKeyParams & Params<{ micros: number }>) =>
    qb
      .updateTable('SpendLedger')
      .set({
        dayReservedMicros: sql<string>`GREATEST("dayReservedMicros" - ${p.micros}::bigint, 0)`,
        monthReservedMicros: sql<string>`GREATEST("monthReservedMicros" - ${p.micros}::bigint, 0)`,
        updatedAt: sql<Date>`now()`,
      })
      .where('scope', '=', INSTALLATION_SCOPE)
      .where('day', '=', sql<Date>`${p.spendDay}::date`)
      .where('month', '=', sql<Date>`${p.spendMonth}::date`),
);

/**
 * Gives back the installation's reservation of a turn the teacher's cap refused (one row: no lock order to keep).
 */
export async function releaseInstallation(db: Db, key: SpendKey, micros: number): Promise<void> {
  if (micros === 0) return;
  await releaseInstallationStatement.run(db, { ...spendKeyArgs(key), micros });
}
