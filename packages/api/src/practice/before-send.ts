import { Prisma, type Conversation } from '@lumi/db';
import type { LumiServices } from '../context';
import { AppError } from '../errors/app-error';
import { finishRoleplay } from './roleplay';
import { readSpec } from './specs';

/**
 * How long a claimed turn whose message is not stored counts as on its way. A send refused after the check
 * (budget, moderation, a node that died) stored nothing; its claim counts until a later message is stored or this
 * long has passed, longer than a send takes from this check to storing its message (moderation's retries included).
 */
export const TURN_CLAIM_SECONDS = 60;

/**
 * The chat endpoint's check before a new message in a roleplay's conversation is stored or charged: a roleplay that
 * has ended takes no more turns, and neither does one at its scenario's turn limit, whatever the page does. A send
 * refused at the limit also ends the attempt (with its report) if the step after the last reply did not. A send
 * that passes has claimed its turn on the attempt's row, so sends racing for the last turn (two tabs, two nodes)
 * never pass the limit together: one claims it, the others are told to wait for its reply.
 * Only roleplays have a CUSTOM persona with an attempt, so tutoring conversations pay nothing here.
 */
export async function checkRoleplaySend(
  services: LumiServices,
  conversation: Pick<Conversation, 'id' | 'mode'>,
): Promise<void> {
  if (conversation.mode !== 'CUSTOM') return;
  const attempt = await services.db.practiceAttempt.findUnique({
    where: { conversationId: conversation.id },
    include: {
      class: true,
      conversation: { select: { _count: { select: { messages: { where: { role: 'USER', supersededAt: null } } } } } },
    },
  });
  if (!attempt || attempt.kind !== 'ROLEPLAY') return;
  if (attempt.status !== 'IN_PROGRESS') {
    throw new AppError('EXERCISE_FINISHED', 'This exercise is already finished.');
  }
  const spec = readSpec(attempt.kind, attempt.spec);
  if (spec.kind !== 'ROLEPLAY') return;
  const limit = spec.scenario.turnLimit;
  const turns = attempt.conversation?._count.messages ?? 0;
  if (turns < limit) {
    if (await claimTurn(services, attempt.id, conversation.id, limit)) return;
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
 * the claims the one before it wrote. Times are the database's, as the messages' are.
 */
async function claimTurn(services: LumiServices, attemptId: string, conversationId: string, limit: number) {
  const learner = Prisma.sql`FROM "Message" WHERE "conversationId" = ${conversationId} AND "role" = 'USER'`;
  const onTheirWay = Prisma.sql`ARRAY(
    SELECT c FROM unnest("turnClaims") c
    WHERE c > now() - ${TURN_CLAIM_SECONDS}::int * interval '1 second'
      AND c > coalesce((SELECT max("createdAt") ${learner}), '-infinity'))`;
  const claimed = await services.db.$executeRaw`
    UPDATE "PracticeAttempt" SET "turnClaims" = array_append(${onTheirWay}, now()::timestamp(3))
    WHERE "id" = ${attemptId} AND "status" = 'IN_PROGRESS'
      AND (SELECT count(*) ${learner} AND "supersededAt" IS NULL) + cardinality(${onTheirWay}) < ${limit}::int`;
  return claimed === 1;
}
