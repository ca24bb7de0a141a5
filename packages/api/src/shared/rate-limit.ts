import { Prisma, type PrismaClient } from '@lumi/db';

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

/** One hit counted in its window, returning the new count; the chat turn runs it as a CTE of its first statement. */
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

/** Reads the current window without counting a hit. */
export async function peekRateLimit(
  db: PrismaClient,
  rule: RateLimitRule,
  subject: string,
  now: Date,
): Promise<RateLimitOutcome> {
  const { windowStart, resetAt } = rateLimitWindow(rule, now);
  const row = await db.rateLimitWindow.findUnique({
    where: { key_windowStart: { key: `${rule.name}:${subject}`, windowStart } },
  });
  const count = row?.count ?? 0;
  return {
    allowed: count < rule.limit,
    remaining: Math.max(0, rule.limit - count),
    resetAt,
  };
}

/** Sends per user per minute; overridable per node with LUMI_CHAT_RATE_LIMIT. */
export function chatRateLimit(perMinute: number): RateLimitRule {
  return { name: 'chat', limit: perMinute, windowMs: 60_000 };
}

/** Sign-ups per client address per hour; overridable with LUMI_SIGN_UP_LIMIT (a school behind one address). */
export function signUpRateLimit(perHour: number): RateLimitRule {
  return { name: 'sign-up', limit: perHour, windowMs: 60 * 60_000 };
}

export const RATE_LIMITS = {
  signIn: { name: 'sign-in', limit: 5, windowMs: 15 * 60_000 },
} satisfies Record<string, RateLimitRule>;
