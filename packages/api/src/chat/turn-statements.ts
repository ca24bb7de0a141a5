import { randomUUID } from 'node:crypto';
import { Prisma, preparedQuery, type Class, type Conversation, type Message } from '@lumi/db';
import type { LumiServices } from '../context';
import { freedAtSql, reserveHitSql, type RateLimitRule } from '../shared/rate-limit';
import type { BudgetKey } from './budget';
import { reserveSpendCtes, settleSpendCtes, spendLeftSql, type SpendCapDefaults, type SpendKey } from './spend-caps';
import { replyClientId } from './turn-messages';

/**
 * The statements in front of the first token, each one round trip of raw SQL instead of several Prisma queries
 * (every Prisma query costs about 1.3 ms of interpreter CPU, and the node is CPU-bound under load), run as named
 * prepared statements so Postgres plans each once per connection. The rows they return are mapped back onto
 * Prisma's generated types, so callers see exactly what the client would return.
 */

type Db = LumiServices['db'];

/** Every column of a model, checked at compile time against Prisma's generated row type. */
type AllColumns<T> = readonly (keyof T & string)[];
const exhaustive =
  <T>() =>
  <const C extends AllColumns<T>>(columns: C & (Exclude<keyof T, C[number]> extends never ? unknown : never)) =>
    columns;

const CONVERSATION = exhaustive<Conversation>()([
  'id',
  'studentId',
  'classId',
  'mode',
  'persona',
  'sourceLanguage',
  'targetLanguage',
  'model',
  'title',
  'summary',
  'summaryTokens',
  'summarizedThroughSeq',
  'deletedAt',
  'lastMessageAt',
  'createdAt',
  'updatedAt',
]);
const CLASS = exhaustive<Class>()([
  'id',
  'name',
  'subject',
  'teacherId',
  'joinCode',
  'dailyTokenBudget',
  'allowedModels',
  'defaultModel',
  'tutorRules',
  'extraInstructions',
  'showPricesToStudents',
  'moderationFailClosed',
  'archivedAt',
  'createdAt',
  'updatedAt',
]);
const MESSAGE = exhaustive<Message>()([
  'id',
  'conversationId',
  'seq',
  'role',
  'content',
  'tokenCount',
  'model',
  'status',
  'finishReason',
  'errorCode',
  'clientId',
  'ttftMs',
  'latencyMs',
  'reservedTokens',
  'reservedMicros',
  'promptTokens',
  'supersededAt',
  'redactedAt',
  'createdAt',
  'updatedAt',
]);

type Row = Record<string, unknown>;

/** `"c"."id" AS "c_id", …` for every column of a model. */
function aliased(table: string, prefix: string, columns: readonly string[]) {
  return Prisma.raw(columns.map((c) => `"${table}"."${c}" AS "${prefix}${c}"`).join(', '));
}
// Built once: these fragments sit in every turn's statements.
const CONVERSATION_COLUMNS = aliased('c', 'c_', CONVERSATION);
const CLASS_COLUMNS = aliased('k', 'k_', CLASS);
const EXISTING_COLUMNS = aliased('m', 'm_', MESSAGE);
const INSERTED_COLUMNS = aliased('ins', 'm_', MESSAGE);

/** The model's row out of prefixed columns, or null when the outer join found none. */
function unprefix<T>(row: Row, prefix: string, columns: AllColumns<T>): T | null {
  if (row[`${prefix}id`] === null || row[`${prefix}id`] === undefined) return null;
  const out: Row = {};
  for (const c of columns) out[c] = row[`${prefix}${c}`];
  return out as T;
}

/**
 * A collision-resistant id in the shape of Prisma's cuid() (25 characters, 'c' then the time): 64 random bits from
 * randomUUID, which draws on a cached entropy pool (randomBytes per id showed up in the profile).
 */
export function newId(): string {
  const random = BigInt(`0x${randomUUID().replaceAll('-', '').slice(0, 16)}`)
    .toString(36)
    .padStart(13, '0');
  return `c${Date.now().toString(36).padStart(11, '0')}${random}`.slice(0, 25);
}

export interface TurnOpening {
  /** The conversation with its class, when it exists, is live and belongs to the caller; otherwise null. */
  conversation: (Conversation & { class: Class | null }) | null;
  /** The reply already made for this clientId (a repeated send). */
  existing: Message | null;
  rateLimit: { allowed: boolean; resetAt: Date };
  /** False when the conversation's class was archived or the student was removed from it: no more sends there. */
  mayWrite: boolean;
}

/**
 * Round 1 in one statement: the caller's conversation (writes are the owner's only), the reply an earlier send
 * with this clientId made, and one hit on the rate limit (counted whether or not the rest succeeds, as before; a
 * refused hit is not counted).
 */
export async function openTurn(db: Db, args: OpenArgs): Promise<TurnOpening> {
  const rows = await preparedQuery<Row>(
    db,
    'lumi_open_turn',
    Prisma.sql`
    WITH hit AS (${reserveHitSql(args.rule, args.userId, args.now)})
    SELECT ${rateColumns(args)}, ${mayWrite(args.userId)} AS "mayWrite", ${CONVERSATION_COLUMNS},
      ${CLASS_COLUMNS}, ${EXISTING_COLUMNS}
    ${turnRows(args)}`,
  );
  return toOpening(rows[0]!, args.now);
}

interface OpenArgs {
  userId: string;
  conversationId: string;
  clientId: string;
  rule: RateLimitRule;
  now: Date;
}

/** One row: the caller's live conversation (writes are the owner's only), its class, the reply made for clientId. */
const turnRows = (args: { userId: string; conversationId: string; clientId: string }) => Prisma.sql`
    FROM (SELECT 1) AS one
    LEFT JOIN "Conversation" c ON c."id" = ${args.conversationId} AND c."deletedAt" IS NULL AND c."studentId" = ${args.userId}
    LEFT JOIN "Class" k ON k."id" = c."classId"
    LEFT JOIN "Message" m ON m."conversationId" = c."id" AND m."clientId" = ${replyClientId(args.clientId)}`;

/** The caller may still send here: a personal conversation, or one of an open class they are still enrolled in. */
const mayWrite = (userId: string) => Prisma.sql`(c."classId" IS NULL OR EXISTS (
      SELECT 1 FROM "Enrollment" e JOIN "Class" w ON w."id" = e."classId"
      WHERE e."classId" = c."classId" AND e."studentId" = ${userId} AND w."archivedAt" IS NULL))`;

/**
 * The rate limit's verdict: the hit was counted (the sliding window of rate-limit.ts: never more than the limit in
 * any 60 s), or when the oldest hit in the window ages out. The main query sees the log as it was before the hit.
 */
const rateColumns = (args: OpenArgs) =>
  Prisma.sql`EXISTS (SELECT 1 FROM hit) AS "rateAllowed", ${freedAtSql(args.rule, args.userId, args.now)} AS "rateFreedAt"`;

function toOpening(row: Row, now: Date): TurnOpening {
  const conversation = unprefix<Conversation>(row, 'c_', CONVERSATION);
  // A timestamp, read as a Date (prepared.ts); null when the window held no hit.
  const freedAt = row.rateFreedAt instanceof Date ? row.rateFreedAt : now;
  return {
    conversation: conversation && { ...conversation, class: unprefix<Class>(row, 'k_', CLASS) },
    existing: unprefix<Message>(row, 'm_', MESSAGE),
    rateLimit: { allowed: row.rateAllowed === true, resetAt: freedAt },
    mayWrite: row.mayWrite === true,
  };
}

/** A stored turn the tutor sees again, as history. */
export type HistoryRow = Pick<Message, 'id' | 'role' | 'content' | 'tokenCount' | 'model'>;

/**
 * Round 1 of a plain send in one statement: openTurn's checks and rate-limit hit, and the live turns after the
 * summary (STREAMING replies left out), oldest first. Nothing is stored yet: the message is stored with its reply
 * once the budget holds them (openReply), so a refused send leaves no trace.
 */
export async function openSend(db: Db, args: OpenArgs): Promise<TurnOpening & { history: HistoryRow[] }> {
  const rows = await preparedQuery<Row>(
    db,
    'lumi_open_send',
    Prisma.sql`
    WITH hit AS (${reserveHitSql(args.rule, args.userId, args.now)})
    SELECT ${rateColumns(args)}, ${mayWrite(args.userId)} AS "mayWrite", ${CONVERSATION_COLUMNS},
      ${CLASS_COLUMNS}, ${EXISTING_COLUMNS},
      (
        SELECT coalesce(json_agg(json_build_object('id', h."id", 'role', h."role", 'content', h."content",
          'tokenCount', h."tokenCount", 'model', h."model") ORDER BY h."seq"), '[]'::json)
        FROM "Message" h
        WHERE h."conversationId" = c."id" AND h."supersededAt" IS NULL AND h."seq" > c."summarizedThroughSeq"
          AND h."content" <> '' AND h."status" <> 'STREAMING'
      ) AS "history"
    ${turnRows(args)}`,
  );
  const row = rows[0]!;
  const history = jsonColumn<HistoryRow[] | null>(row.history) ?? [];
  return { ...toOpening(row, args.now), history };
}

/** A plain send's message, stored by openReply together with its reply. */
export interface PendingSend {
  id: string;
  content: string;
  tokenCount: number;
  /** The model whose format `tokenCount` is in. */
  model: string;
  clientId: string;
  title: string;
  now: Date;
}

/**
 * The budget reservation, the spend-cap reservations, the streaming reply row and (for a plain send) the student's
 * message, in one statement. Each reservation is a single ON CONFLICT DO UPDATE whose WHERE is evaluated on the
 * locked row, so concurrent turns on any node can never overspend; a refused reservation stores nothing and reports
 * the tokens left, or which spend cap refused. A day's row may carry a teacher's extra allowance on top of `budget`. The caps are tried only once the budget held; when one cap refuses
 * after another reserved, the caller gives back what was reserved (`budgetGranted`, `spendReserved`).
 */
export async function openReply(
  db: Db,
  args: {
    conversationId: string;
    clientId: string;
    model: string;
    /** The request's prompt tokens, kept on the reply so it can be charged even if this node dies. */
    promptTokens: number;
    reserved: number;
    budget: number;
    key: BudgetKey;
    /** A plain send's message, stored only with a granted reservation. */
    send: PendingSend | null;
    /** The student's message counted again for the model the turn uses, when it was counted for another format. */
    recount: { messageId: string; tokenCount: number; model: string } | null;
    /** Money the turn reserves against the spend caps (its prompt and reply cap at the model's prices). */
    spend: { key: SpendKey; micros: number; defaults: SpendCapDefaults };
  },
): Promise<ReplyOpening> {
  const { key, reserved, budget, recount, send, spend } = args;
  const updatedAt = new Date();
  const rows = await preparedQuery<Row>(
    db,
    'lumi_open_reply',
    Prisma.sql`
    WITH recount AS (
      UPDATE "Message" SET "tokenCount" = ${recount?.tokenCount ?? 0}::int, "model" = ${recount?.model ?? null}::text
      WHERE "id" = ${recount?.messageId ?? null}::text
    ), reserve AS (
      INSERT INTO "BudgetDay" ("userId", "scope", "day", "usedTokens", "reservedTokens", "updatedAt")
      SELECT ${key.userId}, ${key.scope}, ${key.day}::date, 0, ${reserved}::int, now()
      -- No row is proposed, so no conflict is tried, unless the budget plus the day's extra could hold it.
      WHERE ${reserved}::int <= ${budget}::int + ${dayExtra(key)}
      ON CONFLICT ("userId", "scope", "day") DO UPDATE
      SET "reservedTokens" = "BudgetDay"."reservedTokens" + ${reserved}::int, "updatedAt" = now()
      WHERE "BudgetDay"."usedTokens" + "BudgetDay"."reservedTokens" + ${reserved}::int
        <= ${budget}::int + "BudgetDay"."extraTokens"
      RETURNING 1
    ), held AS (SELECT EXISTS (SELECT 1 FROM reserve) AS ok),
    ${reserveSpendCtes(spend.defaults, spend.key, spend.micros, Prisma.sql`(SELECT ok FROM held)`)},
    granted AS (SELECT (SELECT ok FROM held) AND (SELECT ok FROM spend_ok) AS ok),
    sent AS (
      INSERT INTO "Message" ("id", "conversationId", "role", "content", "tokenCount", "model", "clientId", "updatedAt")
      SELECT ${send?.id ?? null}::text, ${args.conversationId}, 'USER', ${send?.content ?? null}::text,
        ${send?.tokenCount ?? 0}::int, ${send?.model ?? null}::text, ${send?.clientId ?? null}::text, ${updatedAt}
      FROM granted g WHERE g.ok AND ${send !== null}::boolean
      ON CONFLICT ("conversationId", "clientId") DO NOTHING
      RETURNING "id"
    ), touch AS (
      -- A new message touches its conversation, and the first one titles it.
      UPDATE "Conversation"
      SET "lastMessageAt" = ${send?.now ?? updatedAt}, "updatedAt" = ${updatedAt},
          "title" = CASE WHEN "title" = 'New session' THEN ${send?.title ?? ''} ELSE "title" END
      WHERE "id" = ${args.conversationId} AND EXISTS (SELECT 1 FROM sent)
    ),
    -- After the message (it reads "sent"), so the reply's seq follows it; a duplicate send stored first wins.
    ins AS (
      INSERT INTO "Message" ("id", "conversationId", "role", "content", "tokenCount", "model", "status",
        "clientId", "reservedTokens", "reservedMicros", "promptTokens", "updatedAt")
      SELECT ${newId()}, ${args.conversationId}, 'ASSISTANT', '', 0, ${args.model}, 'STREAMING',
        ${replyClientId(args.clientId)}, ${reserved}::int, ${spend.micros}::int, ${args.promptTokens}::int, ${updatedAt}
      FROM granted g WHERE g.ok AND (NOT ${send !== null}::boolean OR (SELECT count(*) FROM sent) > 0)
      ON CONFLICT ("conversationId", "clientId") DO NOTHING
      RETURNING *
    )
    SELECT (SELECT ok FROM granted) AS "granted", (SELECT ok FROM held) AS "budgetGranted",
      EXISTS (SELECT 1 FROM spend_installation) AS "installationReserved",
      (SELECT "teacher" FROM spend_refused) AS "teacherRefused", (SELECT "month" FROM spend_refused) AS "refusedMonth",
      ${spendLeftSql(spend.key)} AS "spendLeft", ${INSERTED_COLUMNS},
      ${budget}::int - coalesce((SELECT b."usedTokens" + b."reservedTokens" - b."extraTokens" FROM "BudgetDay" b
        WHERE b."userId" = ${key.userId} AND b."scope" = ${key.scope} AND b."day" = ${key.day}::date), 0) AS "left"
    FROM (SELECT 1) AS one LEFT JOIN ins ON true`,
  );
  const row = rows[0]!;
  return {
    granted: row.granted === true,
    budgetGranted: row.budgetGranted === true,
    installationReserved: row.installationReserved === true,
    teacherRefused: row.teacherRefused === true,
    spendLeft: row.spendLeft === null || row.spendLeft === undefined ? null : Number(row.spendLeft),
    refusedMonth: row.refusedMonth === true,
    message: unprefix<Message>(row, 'm_', MESSAGE),
    left: Math.max(0, Number(row.left)),
  };
}

export interface ReplyOpening {
  /** Everything held: the reply row was stored (unless a duplicate send got there first). */
  granted: boolean;
  /** The token budget held; false with `left` tokens left. */
  budgetGranted: boolean;
  /** The installation's ledger row holds the turn's money (to give back when the teacher's cap refused). */
  installationReserved: boolean;
  /** The installation's cap held (or there was none) and the teacher's refused. */
  teacherRefused: boolean;
  /** Micro-dollars the tightest cap had left before this turn; null without caps. */
  spendLeft: number | null;
  /** The cap that refused was a month's (else a day's). */
  refusedMonth: boolean;
  message: Message | null;
  left: number;
}

/** The extra allowance a teacher gave for this day (0 without a row): read unlocked, to decide whether to try. */
export const dayExtra = (key: BudgetKey) => Prisma.sql`coalesce((SELECT b."extraTokens" FROM "BudgetDay" b
      WHERE b."userId" = ${key.userId} AND b."scope" = ${key.scope} AND b."day" = ${key.day}::date), 0)`;

/** A json column as the driver returns it: parsed already, or as text through some poolers. */
function jsonColumn<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export interface ReplySettlement {
  assistantMessageId: string;
  conversationId: string;
  /** Written whether or not this node closes the reply: the text, its token count and latencies. */
  result: { content: string; tokenCount: number; ttftMs: number | null; latencyMs: number | null };
  /**
   * Set when another node closes a reply whose own node went away (orphaned-reply.ts): it is closed only if no
   * write reached it since then, and nothing is written when it is not (its node was alive after all).
   */
  unchangedSince?: Date;
  /** Written only when the reply is still STREAMING, i.e. no stop through another node closed it first. */
  outcome: { status: 'COMPLETE' | 'STOPPED' | 'ERROR'; finishReason: string; errorCode: string | null };
  /**
   * Null when nothing was spent. Recorded at most once per reply (a unique messageId): only the statement that
   * records it charges the budget and the spend caps, so a node that settles a reply another node already closed
   * and charged never charges it again.
   */
  usage: {
    userId: string;
    classId: string | null;
    model: string;
    promptTokens: number;
    completionTokens: number;
    cachedTokens: number;
    costMicros: number;
  } | null;
  key: BudgetKey;
  reserved: number;
  used: number;
  /** The money reserved against the spend caps, and what the reply cost (never more). */
  spend: { key: SpendKey; reserved: number; spent: number };
  now: Date;
}

/**
 * Settles a reply in one statement (one transaction): closes the reply if still STREAMING (else keeps only the
 * text, for a reply stopped through another node, which already gave the reservation back), records the usage,
 * swaps the reservation for what was spent, and touches the conversation. A language-practice partner's reply is
 * usage of kind EXERCISE, with its attempt, like the exercise's other model calls. The conditional UPDATE is re-checked on
 * the latest row version, so exactly one of this and a concurrent stop releases the reservation.
 */
export async function settleReply(db: Db, s: ReplySettlement): Promise<boolean> {
  const { result, outcome, usage, key } = s;
  const updatedAt = new Date();
  const orphan = s.unchangedSince !== undefined;
  const rows = await preparedQuery<Row>(
    db,
    'lumi_settle_reply',
    Prisma.sql`
    WITH budget AS (
      -- The budget row is locked before the reply row, as openReply locks it before it meets the reply row (a copy
      -- of this turn's request inserting its reply waits for this statement when it has touched that row): in the
      -- other order the two deadlocked, losing the reply and leaving its reservation.
      SELECT 1 FROM "BudgetDay"
      WHERE "userId" = ${key.userId} AND "scope" = ${key.scope} AND "day" = ${key.day}
      FOR UPDATE
    ), closed AS (
      UPDATE "Message"
      SET "content" = ${result.content}, "tokenCount" = ${result.tokenCount}, "ttftMs" = ${result.ttftMs}::int,
          "latencyMs" = ${result.latencyMs}::int, "status" = ${outcome.status}::"MessageStatus",
          "finishReason" = ${outcome.finishReason}, "errorCode" = ${outcome.errorCode}::text, "reservedTokens" = 0,
          "reservedMicros" = 0, "updatedAt" = ${updatedAt}
      WHERE "id" = ${s.assistantMessageId} AND "status" = 'STREAMING' AND (SELECT count(*) FROM budget) >= 0
        AND (${s.unchangedSince ?? null}::timestamp IS NULL OR "updatedAt" = ${s.unchangedSince ?? null}::timestamp)
      RETURNING "id"
    ), kept AS (
      UPDATE "Message"
      SET "content" = ${result.content}, "tokenCount" = ${result.tokenCount}, "ttftMs" = ${result.ttftMs}::int,
          "latencyMs" = ${result.latencyMs}::int, "updatedAt" = ${updatedAt}
      WHERE "id" = ${s.assistantMessageId} AND NOT EXISTS (SELECT 1 FROM closed) AND NOT ${orphan}::boolean
    ), spent AS (
      INSERT INTO "UsageEvent" ("id", "userId", "classId", "conversationId", "messageId", "kind", "attemptId",
        "model", "promptTokens", "completionTokens", "cachedTokens", "costMicros")
      SELECT ${newId()}, ${usage?.userId ?? ''}, ${usage?.classId ?? null}::text, ${s.conversationId},
        ${s.assistantMessageId}, CASE WHEN attempt."id" IS NULL THEN 'CHAT' ELSE 'EXERCISE' END::"UsageKind",
        attempt."id", ${usage?.model ?? ''}, ${usage?.promptTokens ?? 0}::int,
        ${usage?.completionTokens ?? 0}::int, ${usage?.cachedTokens ?? 0}::int, ${usage?.costMicros ?? 0}::int
      FROM (SELECT 1) AS one
      LEFT JOIN "PracticeAttempt" AS attempt ON attempt."conversationId" = ${s.conversationId}
      WHERE ${usage !== null}::boolean AND (NOT ${orphan}::boolean OR EXISTS (SELECT 1 FROM closed))
      ON CONFLICT ("messageId") DO NOTHING
      RETURNING 1
    ), settled AS (
      UPDATE "BudgetDay"
      SET "reservedTokens" = GREATEST("reservedTokens" - CASE WHEN EXISTS (SELECT 1 FROM closed) THEN ${s.reserved}::int ELSE 0 END, 0),
          "usedTokens" = "usedTokens" + CASE WHEN EXISTS (SELECT 1 FROM spent) THEN ${s.used}::int ELSE 0 END,
          "updatedAt" = now()
      WHERE "userId" = ${key.userId} AND "scope" = ${key.scope} AND "day" = ${key.day}
      RETURNING 1
    ), ${settleSpendCtes(
      s.spend.key,
      Prisma.sql`CASE WHEN EXISTS (SELECT 1 FROM closed) THEN ${s.spend.reserved}::bigint ELSE 0 END`,
      Prisma.sql`CASE WHEN EXISTS (SELECT 1 FROM spent) THEN ${s.spend.spent}::bigint ELSE 0 END`,
      Prisma.sql`(SELECT count(*) FROM settled) >= 0`,
    )}
    -- Rows are locked in the order openReply locks them (budget, installation, teacher, conversation), so a settle
    -- and a reservation never deadlock: each CTE reads the one before it, which makes PostgreSQL run it first. The
    -- reply row comes right after the budget row; a reservation meets a reply row only in its own student's
    -- conversation, after taking that student's budget row, so it never waits on a settle holding a ledger.
    UPDATE "Conversation" SET "lastMessageAt" = GREATEST("lastMessageAt", ${s.now}), "updatedAt" = ${updatedAt}
    WHERE "id" = ${s.conversationId} AND (SELECT count(*) FROM ledger_teacher) >= 0
    RETURNING EXISTS (SELECT 1 FROM closed) AS "closed"`,
  );
  return rows[0]?.closed === true;
}

/**
 * Writes a streaming reply's text so far through, so another node (or a restart) can show it. False when the reply
 * is no longer STREAMING: a stop that reached another node closed it.
 */
export async function flushReply(db: Db, assistantMessageId: string, content: string): Promise<boolean> {
  const rows = await preparedQuery(
    db,
    'lumi_flush_reply',
    Prisma.sql`
    UPDATE "Message" SET "content" = ${content}, "updatedAt" = ${new Date()}
    WHERE "id" = ${assistantMessageId} AND "status" = 'STREAMING'
    RETURNING 1`,
  );
  return rows.length > 0;
}
