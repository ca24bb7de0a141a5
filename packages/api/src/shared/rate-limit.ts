import { Prisma, type PrismaClient } from '@lumi/db';
import { prepareStatement, qb, sql, type DB, type Insertable, type Params } from '@lumi/db/statement';

export interface RateLimitRule {
  /** Stable prefix, e.g. "chat" or "sign-in". */
  name: string;
  limit: number;
  windowMs: number;
}

/** The fixed window `now` falls in, and when it ends. */
export function rateLimitWindow(rule: RateLimitRule, now: Date): { windowStart: Date; resetAt: Date } {
  const windowStart = new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs);
  return { windowStart, resetAt: new Date(windowStart.getTime() + rule.windowMs) };
}

export interface RateLimitOutcome {
  allowed: boolean;
  remaining: number;
  resetAt: Date;
}

/** One hit counted in its fixed window, returning the new count. */
export function countHit(rule: RateLimitRule, subject: string, windowStart: Date): Prisma.Sql {
  return Prisma.sql`
      INSERT INTO "RateLimitWindow" ("key", "windowStart", "count")
      VALUES (${`${rule.name}:${subject}`}, ${windowStart}, 1)
      ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitWindow"."count" + 1
      RETURNING "count"`;
}

/**
 * Counts one hit in a fixed window shared by every app node (a Postgres row per key and window).
 * The upsert is a single statement, so concurrent hits never lose a count.
 */
export async function hitRateLimit(
  db: PrismaClient,
  rule: RateLimitRule,
  subject: string,
  now: Date,
): Promise<RateLimitOutcome> {
  const { windowStart, resetAt } = rateLimitWindow(rule, now);
  const rows = await db.$queryRaw<Array<{ count: number }>>(countHit(rule, subject, windowStart));
  const count = rows[0]?.count ?? 1;
  return { allowed: count <= rule.limit, remaining: Math.max(0, rule.limit - count), resetAt };
}

/** Sends per user in any 60 seconds (a sliding window: reserveHit); overridable per node with LUMI_CHAT_RATE_LIMIT. */
export function chatRateLimit(perMinute: number): RateLimitRule {
  return { name: 'chat', limit: perMinute, windowMs: 60_000 };
}

/** Sign-ups per client address per hour; overridable with LUMI_SIGN_UP_LIMIT (a school behind one address). */
export function signUpRateLimit(perHour: number): RateLimitRule {
  return { name: 'sign-up', limit: perHour, windowMs: 60 * 60_000 };
}

export const RATE_LIMITS = {
  signIn: { name: 'sign-in', limit: 5, windowMs: 15 * 60_000 },
  /** Join-code tries by one student (a right code counts too: a student joins a class once). */
  joinPerUser: { name: 'join-user', limit: 10, windowMs: 15 * 60_000 },
  /** Wrong join codes from one address, by sign-up or by joining: a whole school's right codes cost nothing. */
  joinPerAddress: { name: 'join-address', limit: 30, windowMs: 15 * 60_000 },
  /** Reset-code tries per client address: a school shares one, so more than sign-ins. */
  passwordReset: { name: 'password-reset', limit: 20, windowMs: 15 * 60_000 },
} satisfies Record<string, RateLimitRule>;

export interface SlidingOutcome {
  allowed: boolean;
  /** When the hit was counted (to give it back with `releaseHit`), or, when refused, when trying again will work. */
  at: Date;
}

/**
 * Counts a hit unless the last `windowMs` already hold `limit` hits (or a lock set by `lockWhenFull` holds), in one
 * statement: the key's row is locked while its hits are counted and the new one appended, so concurrent hits on
 * any number of nodes never let more than `limit` into any window. Counting before the work it guards (a password
 * check, a join-code lookup) makes it a reservation: the work never runs more than `limit` times.
 */
export async function reserveHit(
  db: PrismaClient,
  rule: RateLimitRule,
  subject: string,
  now: Date,
): Promise<SlidingOutcome> {
  const key = `${rule.name}:${subject}`;
  const rows = await reserveHitStatement.run(db, hitArgs(rule, subject, now));
  if (rows.length > 0) return { allowed: true, at: now };
  const row = await db.rateLimitLog.findUnique({ where: { key } });
  const since = new Date(now.getTime() - rule.windowMs);
  const inWindow = (row?.hits ?? []).filter((h) => h > since).sort((a, b) => a.getTime() - b.getTime());
  const freed = new Date((inWindow[0] ?? now).getTime() + rule.windowMs);
  const locked = row?.lockedUntil && row.lockedUntil > now ? row.lockedUntil : null;
  return { allowed: false, at: locked && locked > freed ? locked : freed };
}

/** The log's array of hits, as the generated schema types it. */
type Hits = NonNullable<Insertable<DB['RateLimitLog']>['hits']>;

/** The parameters of a hit: the rule's key for the subject, its limit and window, and the time of the hit. */
export type HitParams = Params<{ hitKey: string; hitLimit: number; hitSince: Date; hitAt: Date; hitWindow: string }>;

export const hitArgs = (rule: RateLimitRule, subject: string, now: Date) => ({
  hitKey: `${rule.name}:${subject}`,
  hitLimit: rule.limit,
  hitSince: new Date(now.getTime() - rule.windowMs),
  hitAt: now,
  hitWindow: `${rule.windowMs} milliseconds`,
});

/**
 * reserveHit's one statement, returning the key when the hit was counted; the chat turn runs it as a CTE of its
 * first statement (chat/store/send.ts).
 */
export const reserveHitSql = (p: HitParams) => {
  const inWindow = sql`ARRAY(SELECT h FROM unnest("RateLimitLog"."hits") AS h WHERE h > ${p.hitSince}::timestamp(3))`;
  return qb
    .insertInto('RateLimitLog')
    .values({ key: p.hitKey, hits: sql<Hits>`ARRAY[${p.hitAt}::timestamp(3)]` })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({
          hits: sql<Hits>`array_append(
            ARRAY(SELECT h FROM unnest("RateLimitLog"."hits") AS h WHERE h > ${p.hitSince}::timestamp(3) ORDER BY h),
            ${p.hitAt}::timestamp(3))`,
        })
        .where(
          sql<boolean>`cardinality(${inWindow}) < ${p.hitLimit}::int
            AND ("RateLimitLog"."lockedUntil" IS NULL OR "RateLimitLog"."lockedUntil" <= ${p.hitAt}::timestamp(3))`,
        ),
    )
    .returning('key');
};

const reserveHitStatement = prepareStatement('lumi_reserve_hit', (_, p: HitParams) => reserveHitSql(p));

/**
 * When a key that refused a hit at `now` takes one again (its oldest hit in the window ages out), as a scalar
 * subquery; read in the statement that tried the hit, it sees the log as the refusal found it.
 */
export const freedAtSql = (p: HitParams) =>
  sql<Date | null>`(SELECT min(h) + ${p.hitWindow}::interval
    FROM "RateLimitLog" l, unnest(l."hits") AS h
    WHERE l."key" = ${p.hitKey} AND h > ${p.hitSince}::timestamp(3))`;

/** Gives back one hit counted at `at` (the work it reserved for turned out not to count, e.g. a right password). */
export async function releaseHit(db: PrismaClient, rule: RateLimitRule, subject: string, at: Date): Promise<void> {
  await db.$executeRaw`
    UPDATE "RateLimitLog"
    SET "hits" = "hits"[:array_position("hits", ${at}::timestamp(3)) - 1]
              || "hits"[array_position("hits", ${at}::timestamp(3)) + 1:]
    WHERE "key" = ${`${rule.name}:${subject}`} AND array_position("hits", ${at}::timestamp(3)) IS NOT NULL`;
}

/**
 * Locks the key for a whole window from `now` once its window is full: a lock that lasts `windowMs` from the hit
 * that filled it, not until the oldest hit ages out.
 */
export async function lockWhenFull(db: PrismaClient, rule: RateLimitRule, subject: string, now: Date): Promise<void> {
  const since = new Date(now.getTime() - rule.windowMs);
  await db.$executeRaw`
    UPDATE "RateLimitLog" SET "lockedUntil" = ${new Date(now.getTime() + rule.windowMs)}::timestamp(3)
    WHERE "key" = ${`${rule.name}:${subject}`}
      AND cardinality(ARRAY(SELECT h FROM unnest("hits") AS h WHERE h > ${since}::timestamp(3))) >= ${rule.limit}`;
}
