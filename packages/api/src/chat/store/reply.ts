import { prepareStatement, qb, sql, type Params } from '@lumi/db/statement';
import type { LumiServices } from '../../context';
import type { BudgetKey } from '../budget';
import type { SpendCapDefaults, SpendKey } from '../spend-caps';
import { budgetLeftSql, reserveTokensSql, settleTokensSql, type BudgetKeyParams } from './budget';
import { newId, replyClientId } from './ids';
import {
  capDefaultArgs,
  reserveSpendCtes,
  settleSpendCtes,
  spendKeyArgs,
  spendLeftSql,
  type CapDefaultParams,
  type SpendKeyParams,
} from './spend';

/** A reply's life in the database: opened with its reservations, flushed while it streams, settled once. */

type Db = LumiServices['db'];

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

type OpenReplyParams = BudgetKeyParams &
  CapDefaultParams &
  SpendKeyParams &
  Params<{
    conversationId: string;
    replyClientId: string;
    replyId: string;
    model: string;
    promptTokens: number;
    reserved: number;
    budget: number;
    micros: number;
    hasSend: boolean;
    sendId: string | null;
    sendContent: string | null;
    sendTokenCount: number;
    sendModel: string | null;
    sendClientId: string | null;
    sendTitle: string;
    sentAt: Date;
    recountId: string | null;
    recountTokenCount: number;
    recountModel: string | null;
    updatedAt: Date;
  }>;

const openReplyStatement = prepareStatement('lumi_open_reply', (_, p: OpenReplyParams) => {
  const spend = reserveSpendCtes(p, p, p.micros, sql<boolean>`(SELECT ok FROM held)`);
  return (
    qb
      .with('recount', () =>
        qb
          .updateTable('Message')
          .set({ tokenCount: sql<number>`${p.recountTokenCount}::int`, model: sql<string>`${p.recountModel}::text` })
          .where('id', '=', sql<string>`${p.recountId}::text`),
      )
      .with('reserve', () => reserveTokensSql(p, p.reserved, p.budget))
      .with('held', () => qb.selectNoFrom(sql<boolean>`EXISTS (SELECT 1 FROM reserve)`.as('ok')))
      .with('caps', spend.caps)
      .with('spend_installation', spend.spend_installation)
      .with('installation_ok', spend.installation_ok)
      .with('spend_teacher', spend.spend_teacher)
      .with('spend_ok', spend.spend_ok)
      .with('spend_refused', spend.spend_refused)
      .with('granted', () =>
        qb.selectNoFrom(sql<boolean>`(SELECT ok FROM held) AND (SELECT ok FROM spend_ok)`.as('ok')),
      )
      .with('sent', () =>
        qb
          .insertInto('Message')
          .columns(['id', 'conversationId', 'role', 'content', 'tokenCount', 'model', 'clientId', 'updatedAt'])
          .expression(
            sql`SELECT ${p.sendId}::text, ${p.conversationId}::text, 'USER'::"MessageRole", ${p.sendContent}::text,
              ${p.sendTokenCount}::int, ${p.sendModel}::text, ${p.sendClientId}::text, ${p.updatedAt}::timestamp(3)
            FROM granted g WHERE g.ok AND ${p.hasSend}::boolean`,
          )
          .onConflict((oc) => oc.columns(['conversationId', 'clientId']).doNothing())
          .returning('id'),
      )
      // A new message touches its conversation, and the first one titles it.
      .with('touch', () =>
        qb
          .updateTable('Conversation')
          .set({
            lastMessageAt: sql<Date>`${p.sentAt}::timestamp(3)`,
            updatedAt: sql<Date>`${p.updatedAt}::timestamp(3)`,
            title: sql<string>`CASE WHEN "title" = 'New session' THEN ${p.sendTitle}::text ELSE "title" END`,
          })
          .where('id', '=', p.conversationId)
          .where(sql<boolean>`EXISTS (SELECT 1 FROM sent)`),
      )
      // After the message (it reads "sent"), so the reply's seq follows it; a duplicate send stored first wins.
      .with('ins', () =>
        qb
          .insertInto('Message')
          .columns([
            'id',
            'conversationId',
            'role',
            'content',
            'tokenCount',
            'model',
            'status',
            'clientId',
            'reservedTokens',
            'reservedMicros',
            'promptTokens',
            'updatedAt',
          ])
          .expression(
            sql`SELECT ${p.replyId}::text, ${p.conversationId}::text, 'ASSISTANT'::"MessageRole", '', 0,
              ${p.model}::text, 'STREAMING'::"MessageStatus", ${p.replyClientId}::text, ${p.reserved}::int,
              ${p.micros}::int, ${p.promptTokens}::int, ${p.updatedAt}::timestamp(3)
            FROM granted g WHERE g.ok AND (NOT ${p.hasSend}::boolean OR (SELECT count(*) FROM sent) > 0)`,
          )
          .onConflict((oc) => oc.columns(['conversationId', 'clientId']).doNothing())
          .returning('id'),
      )
      .selectFrom(sql`(SELECT 1)`.as('one'))
      .leftJoin('ins', (join) => join.onTrue())
      .select([
        sql<boolean>`(SELECT ok FROM granted)`.as('granted'),
        sql<boolean>`(SELECT ok FROM held)`.as('budgetGranted'),
        sql<boolean>`EXISTS (SELECT 1 FROM spend_installation)`.as('installationReserved'),
        sql<boolean>`(SELECT "teacher" FROM spend_refused)`.as('teacherRefused'),
        sql<boolean>`(SELECT "month" FROM spend_refused)`.as('refusedMonth'),
        spendLeftSql(p).as('spendLeft'),
        'ins.id as messageId',
        budgetLeftSql(p, p.budget).as('left'),
      ])
  );
});

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
  /** The reply stored; null when refused, or when a duplicate send stored its reply first. */
  messageId: string | null;
  left: number;
}

/**
 * The budget reservation, the spend-cap reservations, the streaming reply row and (for a plain send) the student's
 * message, in one statement. Each reservation is a single ON CONFLICT DO UPDATE whose WHERE is evaluated on the
 * locked row, so concurrent turns on any node can never overspend; a refused reservation stores nothing and reports
 * the tokens left, or which spend cap refused. A day's row may carry a teacher's extra allowance on top of `budget`.
 * The caps are tried only once the budget held; when one cap refuses after another reserved, the caller gives back
 * what was reserved (`budgetGranted`, `installationReserved`).
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
  const { key, recount, send, spend } = args;
  const updatedAt = new Date();
  const [row] = await openReplyStatement.run(db, {
    ...key,
    ...capDefaultArgs(spend.defaults),
    ...spendKeyArgs(spend.key),
    conversationId: args.conversationId,
    replyClientId: replyClientId(args.clientId),
    replyId: newId(),
    model: args.model,
    promptTokens: args.promptTokens,
    reserved: args.reserved,
    budget: args.budget,
    micros: spend.micros,
    hasSend: send !== null,
    sendId: send?.id ?? null,
    sendContent: send?.content ?? null,
    sendTokenCount: send?.tokenCount ?? 0,
    sendModel: send?.model ?? null,
    sendClientId: send?.clientId ?? null,
    sendTitle: send?.title ?? '',
    sentAt: send?.now ?? updatedAt,
    recountId: recount?.messageId ?? null,
    recountTokenCount: recount?.tokenCount ?? 0,
    recountModel: recount?.model ?? null,
    updatedAt,
  });
  const { spendLeft, left, ...opening } = row!;
  return {
    ...opening,
    spendLeft: spendLeft === null ? null : Number(spendLeft),
    left: Math.max(0, left),
  };
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

type SettleParams = BudgetKeyParams &
  SpendKeyParams &
  Params<{
    assistantMessageId: string;
    conversationId: string;
    content: string;
    tokenCount: number;
    ttftMs: number | null;
    latencyMs: number | null;
    status: 'COMPLETE' | 'STOPPED' | 'ERROR';
    finishReason: string;
    errorCode: string | null;
    unchangedSince: Date | null;
    orphan: boolean;
    hasUsage: boolean;
    usageId: string;
    usageUserId: string;
    usageClassId: string | null;
    usageModel: string;
    promptTokens: number;
    completionTokens: number;
    cachedTokens: number;
    costMicros: number;
    reserved: number;
    used: number;
    spendReserved: number;
    spendSpent: number;
    lastMessageAt: Date;
    updatedAt: Date;
  }>;

const settleReplyStatement = prepareStatement('lumi_settle_reply', (_, p: SettleParams) => {
  const closed = sql<boolean>`EXISTS (SELECT 1 FROM closed)`;
  const charged = sql<boolean>`EXISTS (SELECT 1 FROM spent)`;
  const ledger = settleSpendCtes(
    p,
    sql<number>`CASE WHEN ${closed} THEN ${p.spendReserved}::bigint ELSE 0 END`,
    sql<number>`CASE WHEN ${charged} THEN ${p.spendSpent}::bigint ELSE 0 END`,
    sql<boolean>`(SELECT count(*) FROM settled) >= 0`,
  );
  const text = {
    content: p.content,
    tokenCount: sql<number>`${p.tokenCount}::int`,
    ttftMs: sql<number | null>`${p.ttftMs}::int`,
    latencyMs: sql<number | null>`${p.latencyMs}::int`,
    updatedAt: sql<Date>`${p.updatedAt}::timestamp(3)`,
  };
  return (
    qb
      // The budget row is locked before the reply row, as openReply locks it before it meets the reply row (a copy
      // of this turn's request inserting its reply waits for this statement when it has touched that row): in the
      // other order the two deadlocked, losing the reply and leaving its reservation. "closed" reads this CTE, so
      // PostgreSQL runs it (it skips a SELECT nothing reads).
      .with('budget', () =>
        qb
          .selectFrom('BudgetDay')
          .select(sql<number>`1`.as('locked'))
          .where('userId', '=', p.userId)
          .where('scope', '=', p.scope)
          .where('day', '=', sql<Date>`${p.day}::date`)
          .forUpdate(),
      )
      .with('closed', () =>
        qb
          .updateTable('Message')
          .set({
            ...text,
            status: sql<'COMPLETE' | 'STOPPED' | 'ERROR'>`${p.status}::"MessageStatus"`,
            finishReason: p.finishReason,
            errorCode: sql<string | null>`${p.errorCode}::text`,
            reservedTokens: 0,
            reservedMicros: 0,
          })
          .where('id', '=', p.assistantMessageId)
          .where('status', '=', 'STREAMING')
          .where(sql<boolean>`(SELECT count(*) FROM budget) >= 0`)
          .where(sql<boolean>`(${p.unchangedSince}::timestamp IS NULL OR "updatedAt" = ${p.unchangedSince}::timestamp)`)
          .returning('id'),
      )
      // Not closed here: a stop through another node closed it and gave its reservation back; only the text is kept.
      .with('kept', () =>
        qb
          .updateTable('Message')
          .set(text)
          .where('id', '=', p.assistantMessageId)
          .where(sql<boolean>`NOT ${closed} AND NOT ${p.orphan}::boolean`),
      )
      .with('spent', () =>
        qb
          .insertInto('UsageEvent')
          .columns([
            'id',
            'userId',
            'classId',
            'conversationId',
            'messageId',
            'kind',
            'attemptId',
            'model',
            'promptTokens',
            'completionTokens',
            'cachedTokens',
            'costMicros',
          ])
          .expression(
            sql`SELECT ${p.usageId}::text, ${p.usageUserId}::text, ${p.usageClassId}::text, ${p.conversationId}::text,
              ${p.assistantMessageId}::text, CASE WHEN attempt."id" IS NULL THEN 'CHAT' ELSE 'EXERCISE' END::"UsageKind",
              attempt."id", ${p.usageModel}::text, ${p.promptTokens}::int, ${p.completionTokens}::int,
              ${p.cachedTokens}::int, ${p.costMicros}::int
            FROM (SELECT 1) AS one
            LEFT JOIN "PracticeAttempt" AS attempt ON attempt."conversationId" = ${p.conversationId}::text
            WHERE ${p.hasUsage}::boolean AND (NOT ${p.orphan}::boolean OR ${closed})`,
          )
          .onConflict((oc) => oc.column('messageId').doNothing())
          .returning(sql<number>`1`.as('charged')),
      )
      .with('settled', () =>
        settleTokensSql(
          p,
          sql<number>`CASE WHEN ${closed} THEN ${p.reserved}::int ELSE 0 END`,
          sql<number>`CASE WHEN ${charged} THEN ${p.used}::int ELSE 0 END`,
        ).returning(sql<number>`1`.as('settled')),
      )
      .with('ledger_installation', ledger.ledger_installation)
      .with('ledger_teacher', ledger.ledger_teacher)
      // Rows are locked in the order openReply locks them (budget, installation, teacher, conversation), so a settle
      // and a reservation never deadlock: each CTE reads the one before it, which makes PostgreSQL run it first. The
      // reply row comes right after the budget row; a reservation meets a reply row only in its own student's
      // conversation, after taking that student's budget row, so it never waits on a settle holding a ledger.
      .updateTable('Conversation')
      .set({
        lastMessageAt: sql<Date>`GREATEST("lastMessageAt", ${p.lastMessageAt}::timestamp(3))`,
        updatedAt: sql<Date>`${p.updatedAt}::timestamp(3)`,
      })
      .where('id', '=', p.conversationId)
      .where(sql<boolean>`(SELECT count(*) FROM ledger_teacher) >= 0`)
      .returning(closed.as('closed'))
  );
});

/**
 * Settles a reply in one statement (one transaction): closes the reply if still STREAMING (else keeps only the
 * text, for a reply stopped through another node, which already gave the reservation back), records the usage,
 * swaps the reservation for what was spent, and touches the conversation. A language-practice partner's reply is
 * usage of kind EXERCISE, with its attempt, like the exercise's other model calls. The conditional UPDATE is
 * re-checked on the latest row version, so exactly one of this and a concurrent stop releases the reservation.
 * True when this statement closed the reply.
 */
export async function settleReply(db: Db, s: ReplySettlement): Promise<boolean> {
  const { result, outcome, usage } = s;
  const [row] = await settleReplyStatement.run(db, {
    ...s.key,
    ...spendKeyArgs(s.spend.key),
    assistantMessageId: s.assistantMessageId,
    conversationId: s.conversationId,
    ...result,
    ...outcome,
    unchangedSince: s.unchangedSince ?? null,
    orphan: s.unchangedSince !== undefined,
    hasUsage: usage !== null,
    usageId: newId(),
    usageUserId: usage?.userId ?? '',
    usageClassId: usage?.classId ?? null,
    usageModel: usage?.model ?? '',
    promptTokens: usage?.promptTokens ?? 0,
    completionTokens: usage?.completionTokens ?? 0,
    cachedTokens: usage?.cachedTokens ?? 0,
    costMicros: usage?.costMicros ?? 0,
    reserved: s.reserved,
    used: s.used,
    spendReserved: s.spend.reserved,
    spendSpent: s.spend.spent,
    lastMessageAt: s.now,
    updatedAt: new Date(),
  });
  return row?.closed === true;
}

const flushReplyStatement = prepareStatement(
  'lumi_flush_reply',
  (_, p: Params<{ id: string; content: string; updatedAt: Date }>) =>
    qb
      .updateTable('Message')
      .set({ content: p.content, updatedAt: p.updatedAt })
      .where('id', '=', p.id)
      .where('status', '=', 'STREAMING')
      .returning('id'),
);

/**
 * Writes a streaming reply's text so far through, so another node (or a restart) can show it. False when the reply
 * is no longer STREAMING: a stop that reached another node closed it.
 */
export async function flushReply(db: Db, assistantMessageId: string, content: string): Promise<boolean> {
  const rows = await flushReplyStatement.run(db, { id: assistantMessageId, content, updatedAt: new Date() });
  return rows.length > 0;
}
