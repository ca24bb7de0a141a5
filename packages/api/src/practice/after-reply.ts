import type { LumiServices, SettledReply } from '../context';
import { syncRoleplay } from './roleplay';
import { readSpec } from './specs';

/**
 * Gradings (a roleplay's step after a reply: its correction card, or its end and report) one node runs at once.
 * The rest wait in line, so grading never takes more of a node (its CPU, its database connections) than this from
 * the partner replies it is streaming (bench/practice.bench.ts). A card from a real model takes 1-3 s, so four at
 * once still make a card a second or more: a class of 30 answering every 15 s or so.
 */
export const GRADING_CONCURRENCY = 4;

/**
 * A first-come line with `limit` places. A job waiting for an attempt that already has one waiting is that job: it
 * reads the attempt's state when it runs, so it catches up every turn settled before then.
 */
class GradingLine {
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly waitingFor = new Set<string>();

  constructor(private readonly limit: number) {}

  async run(attemptId: string, job: () => Promise<void>): Promise<void> {
    if (this.waitingFor.has(attemptId)) return;
    this.waitingFor.add(attemptId);
    // A place freed by a finished job is handed to the next in line, never taken by a newcomer in between.
    if (this.running < this.limit) this.running++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.waitingFor.delete(attemptId);
    try {
      await job();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

const lines = new WeakMap<LumiServices, GradingLine>();

function lineOf(services: LumiServices): GradingLine {
  let line = lines.get(services);
  if (!line) {
    line = new GradingLine(GRADING_CONCURRENCY);
    lines.set(services, line);
  }
  return line;
}

/**
 * The server's step after a reply in a roleplay settles: the learner's correction card, then the end (turn limit or
 * every objective met) with its report, in the node's grading line. Nothing waits on the page, so a learner who
 * closed the tab still gets the card, and two nodes (or a node and a page) never grade a turn twice: the card is
 * claimed by a conditional insert when its grading starts, so one still waiting in line is done exactly once too.
 * An ordinary tutoring conversation costs one indexed read here.
 */
export async function afterRoleplayReply(services: LumiServices, reply: SettledReply): Promise<void> {
  const attempt = await services.db.practiceAttempt.findUnique({
    where: { conversationId: reply.conversationId },
    include: { class: true },
  });
  if (!attempt || attempt.kind !== 'ROLEPLAY') return;
  const spec = readSpec(attempt.kind, attempt.spec);
  if (spec.kind !== 'ROLEPLAY') return;
  await lineOf(services).run(attempt.id, () => syncRoleplay(services, attempt, spec.scenario));
}
