import { Prisma, type Conversation } from '@lumi/db';
import type { LumiServices } from '../context';
import { AppError } from '../errors/app-error';
import { finishRoleplay } from './roleplay';
import { readSpec } from './specs';

/**
 * How long a claimed turn whose message is not stored counts as on its way. A send refused after the check (rate
 * limit, moderation, budget) gives its claim back as it is refused (ReleaseTurn); one that never came back (its
 * node died) stored nothing, and its claim counts until a later message is stored or this long has passed, longer
 * than a send takes from this check to storing its message (moderation's retries included).
 */
export const TURN_CLAIM_SECONDS = 60;

/**
 * Gives back the turn a send claimed, when the send is refused (or answered with another copy's reply) after the
 * claim: the next send may take it at once. Harmless once the send's message is stored, and never throws.
 */
export type ReleaseTurn = () => Promise<void>;

const nothingClaimed: ReleaseTurn = async () => {};

/**
 * The chat endpoint's check before a new message in a roleplay's conversation is stored or charged: a roleplay that
 * has ended takes no more turns, and neither does one at its scenario's turn limit, whatever the page does. A send
 * refused at the limit also ends the attempt (with its report) if the step after the last reply did not. A send
 * that passes has claimed its turn on the attempt's row, so sends racing for the last turn (two tabs, two nodes)
 * never pass the limit together: one claims it, the others are told to wait for its reply. The claim's release is
 * returned, for the turn to call if it refuses the send after all.
 * Only roleplays have a CUSTOM persona with an attempt, so tutoring conversations pay nothing here.
 */
export async function checkRoleplaySend(
  services: LumiServices,
  conversation: Pick<Conversation, 'id' | 'mode'>,
): Promise<ReleaseTurn> {
  if (conversation.mode !== 'CUSTOM') return nothingClaimed;
  const attempt = await services.db.practiceAttempt.findUnique({
    where: { conversationId: conversation.id },
    include: {
      class: true,
      conversation: { select: { _count: { select: { messages: { where: { role: 'USER', supersededAt: null } } } } } },
    },
  });
  if (!attempt || attempt.kind !== 'ROLEPLAY') return nothingClaimed;
  if (attempt.status !== 'IN_PROGRESS') {
    throw new AppError('EXERCISE_FINISHED', 'This exercise is already finished.');
  }
  const spec = readSpec(attempt.kind, attempt.spec);
  if (spec.kind !== 'ROLEPLAY') return nothingClaimed;
  const limit = spec.scenario.turnLimit;
  const turns = attempt.conversation?._count.messages ?? 0;
  if (turns < limit) {
    const claim = await claimTurn(services, attempt.id, conversation.id, limit);
    if (claim !== null) return () => releaseTurn(services, attempt.id, claim);
    // Sends on their way hold the turns left; the last one's reply ends the roleplay.
    throw new AppError(
      'RATE_LIMITED',
      'Your last turn is still on its way. Wait for its reply.',
      new Date(services.now().getTime() + TURN_CLAIM_SECONDS * 1000),
    );
  }
  // Detached, so the refusal is immediate; the page reads the report when it is written.
  services.generations.follow(
    finishRoleplay(services, attempt, spec.scenario, 'TURN_LIMIT').catch((error: unknown) =>
      services.log.warn({ err: error }, 'a roleplay at its turn limit could not be finished'),
    ),
  );
  throw new AppError('TURN_LIMIT_REACHED', `This roleplay is over: it has ${limit} turns. Your report is below.`);
}

/**
 * Claims a turn for a send, in one conditional update of the attempt's row: the turns stored plus the claims still
 * on their way (made after the newest learner message, within TURN_CLAIM_SECONDS) must stay under the limit. Both
 * are read in the statement's one snapshot; the row's lock orders racing claims, and each one that waited checks
 * the claims the one before it wrote. Times are the database's, as the messages' are. Returns the claim (its
 * time, as the database writes it), or null when the turns left are taken.
 */
async function claimTurn(
  services: LumiServices,
  attemptId: string,
  conversationId: string,
  limit: number,
): Promise<string | null> {
  const learner = Prisma.sql`FROM "Message" WHERE "conversationId" = ${conversationId} AND "role" = 'USER'`;
  const onTheirWay = Prisma.sql`ARRAY(
    SELECT c FROM unnest("turnClaims") c
    WHERE c > now() - ${TURN_CLAIM_SECONDS}::int * interval '1 second'
      AND c > coalesce((SELECT max("createdAt") ${learner}), '-infinity'))`;
  const claimed = await services.db.$queryRaw<Array<{ claim: string }>>`
    UPDATE "PracticeAttempt" SET "turnClaims" = array_append(${onTheirWay}, now()::timestamp(3))
    WHERE "id" = ${attemptId} AND "status" = 'IN_PROGRESS'
      AND (SELECT count(*) ${learner} AND "supersededAt" IS NULL) + cardinality(${onTheirWay}) < ${limit}::int
    RETURNING now()::timestamp(3)::text AS "claim"`;
  return claimed[0]?.claim ?? null;
}

/**
 * Takes one claim (the send's; racing claims may share its millisecond) off the attempt's row, in one statement. A
 * claim a later claim already dropped as lapsed is gone: nothing to do. A failure is logged, not thrown: the refusal
 * the turn is giving stays the answer, and the claim lapses after TURN_CLAIM_SECONDS.
 */
async function releaseTurn(services: LumiServices, attemptId: string, claim: string): Promise<void> {
  const at = Prisma.sql`array_position("turnClaims", ${claim}::timestamp(3))`;
  try {
    await services.db.$executeRaw`
      UPDATE "PracticeAttempt" SET "turnClaims" = "turnClaims"[:${at} - 1] || "turnClaims"[${at} + 1:]
      WHERE "id" = ${attemptId} AND ${at} IS NOT NULL`;
  } catch (error) {
    services.log.warn({ err: error }, 'a refused send could not give its roleplay turn back; it lapses by itself');
  }
}
