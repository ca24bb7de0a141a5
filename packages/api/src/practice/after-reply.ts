import type { LumiServices, SettledReply } from '../context';
import { syncRoleplay } from './roleplay';
import { readSpec } from './specs';

/**
 * The server's step after a reply in a roleplay settles: the learner's correction card, then the end (turn limit or
 * every objective met) with its report. Nothing waits on the page, so a learner who closed the tab still gets the
 * card, and two nodes (or a node and a page) never grade a turn twice: the card is claimed by a conditional insert.
 * An ordinary tutoring conversation costs one indexed read here.
 */
export async function afterRoleplayReply(services: LumiServices, reply: SettledReply): Promise<void> {
  const attempt = await services.db.practiceAttempt.findUnique({
    where: { conversationId: reply.conversationId },
    include: { class: true },
  });
  if (!attempt || attempt.kind !== 'ROLEPLAY') return;
  const spec = readSpec(attempt.kind, attempt.spec);
  if (spec.kind === 'ROLEPLAY') await syncRoleplay(services, attempt, spec.scenario);
}
