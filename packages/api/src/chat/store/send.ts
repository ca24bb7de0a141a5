import {
  jsonArrayFrom,
  jsonObjectFrom,
  prepareStatement,
  qb,
  sql,
  type Expression,
  type Params,
} from '@lumi/db/statement';
import type { LumiServices } from '../../context';
import { freedAtSql, hitArgs, reserveHitSql, type HitParams, type RateLimitRule } from '../../shared/rate-limit';
import { replyClientId } from './ids';

/**
 * A turn's first round trip, in one statement: the caller's conversation (writes are the owner's only) with its
 * class, the reply an earlier send with this clientId made, and one hit on the rate limit (counted whether or not
 * the rest succeeds; a refused hit is not counted). A plain send also reads its history here.
 */

type Db = LumiServices['db'];

type OpenParams = HitParams & Params<{ userId: string; conversationId: string; replyClientId: string }>;

/** The caller may still send here: a personal conversation, or one of an open class they are still enrolled in. */
const mayWrite = (p: OpenParams) => sql<boolean>`(c."classId" IS NULL OR EXISTS (
      SELECT 1 FROM "Enrollment" e JOIN "Class" w ON w."id" = e."classId"
      WHERE e."classId" = c."classId" AND e."studentId" = ${p.userId} AND w."archivedAt" IS NULL))`;

const opening = (p: OpenParams) =>
  qb
    .with('hit', () => reserveHitSql(p))
    .selectFrom('Conversation as c')
    .selectAll('c')
    .select((eb) => [
      // The rate limit's verdict: the hit was counted, or when the oldest hit in the window ages out. The main
      // query sees the log as it was before the hit.
      sql<boolean>`EXISTS (SELECT 1 FROM hit)`.as('rateAllowed'),
      freedAtSql(p).as('rateFreedAt'),
      mayWrite(p).as('mayWrite'),
      jsonObjectFrom(
        eb
          .selectFrom('Class as k')
          .select([
            'k.id',
            'k.teacherId',
            'k.dailyTokenBudget',
            'k.allowedModels',
            'k.tutorRules',
            'k.extraInstructions',
            'k.moderationFailClosed',
          ])
          .whereRef('k.id', '=', 'c.classId'),
      ).as('class'),
      jsonObjectFrom(
        eb
          .selectFrom('Message as m')
          .select(['m.id', 'm.seq', 'm.status', 'm.errorCode', 'm.model'])
          .whereRef('m.conversationId', '=', 'c.id')
          .where('m.clientId', '=', p.replyClientId),
      ).as('existing'),
    ])
    .where('c.id', '=', p.conversationId)
    .where('c.deletedAt', 'is', null)
    .where('c.studentId', '=', p.userId);

const openTurnStatement = prepareStatement('lumi_open_turn', (_, p: OpenParams) => opening(p));

/** The live turns after the summary (STREAMING replies left out), oldest first: what the tutor sees again. */
const historySql = (conversationId: Expression<string>, afterSeq: Expression<number>) =>
  qb
    .selectFrom('Message as h')
    .select(['h.id', 'h.role', 'h.content', 'h.tokenCount', 'h.model'])
    .where('h.conversationId', '=', conversationId)
    .where('h.supersededAt', 'is', null)
    .where('h.seq', '>', afterSeq)
    .where('h.content', '<>', '')
    .where('h.status', '<>', 'STREAMING')
    .orderBy('h.seq');

const openSendStatement = prepareStatement('lumi_open_send', (_, p: OpenParams) =>
  opening(p).select(jsonArrayFrom(historySql(sql.ref('c.id'), sql.ref('c.summarizedThroughSeq'))).as('history')),
);

const historyStatement = prepareStatement(
  'lumi_history',
  (_, p: Params<{ conversationId: string; afterSeq: number }>) => historySql(p.conversationId, p.afterSeq),
);

/** The history of an edit or a retry, read once it changed the history. */
export function historyAfter(db: Db, conversationId: string, afterSeq: number): Promise<HistoryRow[]> {
  return historyStatement.run(db, { conversationId, afterSeq });
}

export interface OpenArgs {
  userId: string;
  conversationId: string;
  clientId: string;
  rule: RateLimitRule;
  now: Date;
}

const paramsOf = (args: OpenArgs) => ({
  ...hitArgs(args.rule, args.userId, args.now),
  userId: args.userId,
  conversationId: args.conversationId,
  replyClientId: replyClientId(args.clientId),
});

type OpeningRow = Awaited<ReturnType<typeof openTurnStatement.run>>[number];

/** The conversation with its class (what a turn reads of it), when it is live and belongs to the caller. */
export type TurnConversation = Omit<OpeningRow, 'rateAllowed' | 'rateFreedAt' | 'mayWrite' | 'existing'>;
/** The class of a turn's conversation: what a turn reads of it. */
export type TurnClass = NonNullable<TurnConversation['class']>;
/** The reply an earlier copy of this request made. */
export type ExistingReply = NonNullable<OpeningRow['existing']>;

export interface TurnOpening {
  /** The conversation with its class, when it exists, is live and belongs to the caller; otherwise null. */
  conversation: TurnConversation | null;
  /** The reply already made for this clientId (a repeated send). */
  existing: ExistingReply | null;
  rateLimit: { allowed: boolean; resetAt: Date };
  /** False when the conversation's class was archived or the student was removed from it: no more sends there. */
  mayWrite: boolean;
}

function toOpening(row: OpeningRow | undefined, now: Date): TurnOpening {
  if (!row) return { conversation: null, existing: null, rateLimit: { allowed: false, resetAt: now }, mayWrite: false };
  const { rateAllowed, rateFreedAt, mayWrite, existing, ...conversation } = row;
  return {
    conversation,
    existing,
    // Null when the window held no hit.
    rateLimit: { allowed: rateAllowed, resetAt: rateFreedAt ?? now },
    mayWrite,
  };
}

/** Round 1 of an edit or a retry: the checks and the rate-limit hit. */
export async function openTurn(db: Db, args: OpenArgs): Promise<TurnOpening> {
  const [row] = await openTurnStatement.run(db, paramsOf(args));
  return toOpening(row, args.now);
}

/** A stored turn the tutor sees again, as history. */
export type HistoryRow = Awaited<ReturnType<typeof openSendStatement.run>>[number]['history'][number];

/**
 * Round 1 of a plain send: openTurn's checks and rate-limit hit, and the history. Nothing is stored yet: the message
 * is stored with its reply once the budget holds them (openReply), so a refused send leaves no trace.
 */
export async function openSend(db: Db, args: OpenArgs): Promise<TurnOpening & { history: HistoryRow[] }> {
  const [row] = await openSendStatement.run(db, paramsOf(args));
  if (!row) return { ...toOpening(undefined, args.now), history: [] };
  const { history, ...opening } = row;
  return { ...toOpening(opening, args.now), history };
}
