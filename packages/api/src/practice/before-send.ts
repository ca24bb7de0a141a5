import type { Conversation } from '@lumi/db';
import type { LumiServices } from '../context';
import { AppError } from '../errors/app-error';
import { finishRoleplay } from './roleplay';
import { readSpec } from './specs';

/**
 * The chat endpoint's check before a new message in a roleplay's conversation is stored or charged: a roleplay that
 * has ended takes no more turns, and neither does one at its scenario's turn limit, whatever the page does. A send
 * refused at the limit also ends the attempt (with its report) if the step after the last reply did not.
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
  const turns = attempt.conversation?._count.messages ?? 0;
  if (turns < spec.scenario.turnLimit) return;
  // Detached, so the refusal is immediate; the page reads the report when it is written.
  services.generations.follow(
    finishRoleplay(services, attempt, spec.scenario, 'TURN_LIMIT').catch((error: unknown) =>
      services.log.warn({ err: error }, 'a roleplay at its turn limit could not be finished'),
    ),
  );
  throw new AppError(
    'TURN_LIMIT_REACHED',
    `This roleplay is over: it has ${spec.scenario.turnLimit} turns. Your report is below.`,
  );
}
