import {
  assembleReport,
  countMessageTokens,
  measure,
  objectiveStates,
  reportTask,
  requestStructured,
  turnFeedbackTask,
  type ChatMessage,
  type Correction,
  type LearnerTurn,
  type RoleplayReport,
  type Scenario,
} from '@lumi/chat-core';
import { Prisma, type Class, type Message, type PracticeAttempt, type TurnFeedback } from '@lumi/db';
import type { LumiServices } from '../context';
import { attemptCallOptions } from './exercise-budget';
import { exerciseModel } from './exercise-model';
import { readCorrections, toJson } from './json';

type Attempt = PracticeAttempt & { class: Class | null };

/** A PENDING card older than this was left by a node that died while grading; another request may take it over. */
const STALE_PENDING_MS = 120_000;

/** The conversation's live turns, oldest first (a superseded edit is not a turn). */
export async function roleplayMessages(services: LumiServices, conversationId: string) {
  return services.db.message.findMany({
    where: { conversationId, supersededAt: null },
    orderBy: { seq: 'asc' },
  });
}

/** Learner turns with the reply that answered each (null while none is stored yet). */
export function learnerTurns(messages: readonly Message[]) {
  const turns: Array<{ message: Message; reply: Message | null; before: Message[] }> = [];
  messages.forEach((message, i) => {
    if (message.role !== 'USER') return;
    const reply = messages.slice(i + 1).find((m) => m.role === 'ASSISTANT') ?? null;
    turns.push({ message, reply, before: messages.slice(0, i) });
  });
  return turns;
}

const replyFinished = (reply: Message | null) => reply !== null && reply.status !== 'STREAMING';

export function correctionsOf(row: Pick<TurnFeedback, 'corrections'>): Correction[] {
  return readCorrections(row.corrections);
}

/**
 * Makes the correction card of one learner turn, once: the row is claimed first (a unique message id), so two
 * requests never pay for the same card. Malformed model output is retried once inside requestStructured; after
 * that the card says "feedback unavailable" and the roleplay goes on.
 */
export async function gradeTurn(
  services: LumiServices,
  attempt: Attempt,
  scenario: Scenario,
  turn: { message: Message; before: Message[] },
  turnIndex: number,
): Promise<void> {
  const { db } = services;
  const claimed = await claimCard(services, attempt.id, turn.message.id, turnIndex);
  if (!claimed) return;
  const model = await exerciseModel(services, attempt.class, undefined);
  const before: ChatMessage[] = turn.before.map((m) => ({
    role: m.role === 'USER' ? 'user' : 'assistant',
    content: m.content,
  }));
  const result = await requestStructured(
    services.provider,
    model,
    turnFeedbackTask({
      scenario,
      uiLanguage: attempt.uiLanguage === 'ZH' ? 'zh' : 'en',
      learnerText: turn.message.content,
      before,
    }),
    attemptCallOptions(services, attempt),
  );
  const data =
    result.ok && result.value.status === 'ready'
      ? {
          status: 'READY' as const,
          verdict: result.value.verdict,
          corrections: toJson(result.value.corrections),
          corrected: result.value.corrected,
          objectivesMet: result.value.objectivesMet,
          reason: null,
        }
      : { status: 'UNAVAILABLE' as const, reason: result.ok ? 'invalid' : result.reason };
  await db.turnFeedback.update({ where: { messageId: turn.message.id }, data });
}

async function claimCard(services: LumiServices, attemptId: string, messageId: string, turnIndex: number) {
  const { db } = services;
  try {
    await db.turnFeedback.create({ data: { attemptId, messageId, turnIndex } });
    return true;
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') throw error;
  }
  const stale = new Date(services.now().getTime() - STALE_PENDING_MS);
  const taken = await db.turnFeedback.updateMany({
    where: { messageId, status: 'PENDING', updatedAt: { lt: stale } },
    data: { updatedAt: new Date() },
  });
  return taken.count === 1;
}

export interface RoleplayState {
  messages: Message[];
  cards: TurnFeedback[];
  objectives: ReturnType<typeof objectiveStates>;
  turnsTaken: number;
}

export function roleplayState(scenario: Scenario, messages: Message[], cards: TurnFeedback[]): RoleplayState {
  const turns = learnerTurns(messages);
  const byMessage = new Map(cards.map((c) => [c.messageId, c]));
  const taskMet = new Map<string, number>();
  turns.forEach((turn, i) => {
    for (const id of byMessage.get(turn.message.id)?.objectivesMet ?? []) if (!taskMet.has(id)) taskMet.set(id, i);
  });
  return {
    messages,
    cards,
    objectives: objectiveStates(
      scenario.objectives,
      turns.map((t) => t.message.content),
      scenario.targetLanguage,
      taskMet,
    ),
    turnsTaken: turns.length,
  };
}

/**
 * Catches an attempt up with its conversation: a card for every finished learner turn that has none (each-turn
 * feedback), then the end when the turn limit is reached or every objective is met. Safe to call any number of
 * times, from any node. The server calls it after each reply (after-reply.ts); the page, when it opens, passes
 * `leftBefore` so it only picks up turns the server step left behind (a node that died in between), never racing
 * the step for a fresh one.
 */
export async function syncRoleplay(
  services: LumiServices,
  attempt: Attempt,
  scenario: Scenario,
  options: { leftBefore?: Date } = {},
): Promise<void> {
  if (attempt.status !== 'IN_PROGRESS' || !attempt.conversationId) {
    if (attempt.status === 'FINISHED' && attempt.report === null) await writeReport(services, attempt, scenario);
    return;
  }
  const messages = await roleplayMessages(services, attempt.conversationId);
  const turns = learnerTurns(messages);
  const due = (reply: Message | null) =>
    replyFinished(reply) && (options.leftBefore === undefined || reply!.updatedAt < options.leftBefore);
  if (attempt.feedbackEachTurn) {
    const cards = await services.db.turnFeedback.findMany({ where: { attemptId: attempt.id } });
    const carded = new Set(cards.filter((c) => c.status !== 'PENDING').map((c) => c.messageId));
    for (const [i, turn] of turns.entries()) {
      if (!carded.has(turn.message.id) && due(turn.reply)) await gradeTurn(services, attempt, scenario, turn, i);
    }
  }
  const cards = await services.db.turnFeedback.findMany({ where: { attemptId: attempt.id } });
  const state = roleplayState(scenario, messages, cards);
  const lastDone = turns.length > 0 && due(turns.at(-1)!.reply);
  if (!lastDone) return;
  if (state.turnsTaken >= scenario.turnLimit) await finishRoleplay(services, attempt, scenario, 'TURN_LIMIT');
  else if (state.objectives.every((o) => o.met)) await finishRoleplay(services, attempt, scenario, 'OBJECTIVES_MET');
}

/** Ends a roleplay once (whoever gets there first), then writes its report. */
export async function finishRoleplay(
  services: LumiServices,
  attempt: Attempt,
  scenario: Scenario,
  reason: 'TURN_LIMIT' | 'OBJECTIVES_MET' | 'LEARNER_ENDED',
): Promise<void> {
  const ended = await services.db.practiceAttempt.updateMany({
    where: { id: attempt.id, status: 'IN_PROGRESS' },
    data: { status: 'FINISHED', endReason: reason, finishedAt: services.now() },
  });
  if (ended.count === 1) await writeReport(services, { ...attempt, status: 'FINISHED' }, scenario);
}

/**
 * The report: every learner turn gets a card first (end-only feedback grades them all now), then Lumi's measures
 * and the model's view (fluency, level with quoted evidence) are put together. A model that fails leaves a report
 * on measures alone.
 */
async function writeReport(services: LumiServices, attempt: Attempt, scenario: Scenario): Promise<void> {
  if (!attempt.conversationId) return;
  const messages = await roleplayMessages(services, attempt.conversationId);
  const turns = learnerTurns(messages);
  const existing = new Set(
    (await services.db.turnFeedback.findMany({ where: { attemptId: attempt.id }, select: { messageId: true } })).map(
      (c) => c.messageId,
    ),
  );
  for (const [i, turn] of turns.entries()) {
    if (!existing.has(turn.message.id)) await gradeTurn(services, attempt, scenario, turn, i);
  }
  const cards = await services.db.turnFeedback.findMany({ where: { attemptId: attempt.id } });
  const state = roleplayState(scenario, messages, cards);
  const byMessage = new Map(cards.map((c) => [c.messageId, c]));
  const learner: LearnerTurn[] = turns.map((t) => {
    const card = byMessage.get(t.message.id);
    return { text: t.message.content, corrections: card?.status === 'READY' ? correctionsOf(card) : null };
  });
  const ui = attempt.uiLanguage === 'ZH' ? 'zh' : 'en';
  const measures = measure(learner, scenario.targetLanguage);
  const model =
    learner.length === 0
      ? null
      : await requestStructured(
          services.provider,
          await exerciseModel(services, attempt.class, undefined),
          reportTask({
            targetLanguage: scenario.targetLanguage,
            level: scenario.level,
            uiLanguage: ui,
            scenario: attempt.title,
            learnerTurns: learner.map((t) => t.text),
            measures: { meanLength: measures.meanLength, errorRate: measures.errorRate, linkers: measures.linkers },
          }),
          attemptCallOptions(services, attempt),
        );
  const report: RoleplayReport = assembleReport({
    scenario,
    ui,
    turns: learner,
    objectives: state.objectives,
    model: model?.ok ? model.value : null,
  });
  await services.db.practiceAttempt.update({
    where: { id: attempt.id },
    data: {
      report: toJson(report),
      taskCompletion: report.scores.taskCompletion,
      accuracy: report.scores.accuracy,
      vocabularyRange: report.scores.vocabularyRange,
      fluency: report.scores.fluency,
      estimatedLevel: report.level.level,
    },
  });
}

/** The opening line, stored as the partner's first message, counted like any reply. */
export function openingMessage(conversationId: string, scenario: Scenario, model: string) {
  return {
    conversationId,
    role: 'ASSISTANT' as const,
    content: scenario.openingLine,
    tokenCount: countMessageTokens({ role: 'assistant', content: scenario.openingLine }, model),
    model,
    status: 'COMPLETE' as const,
    finishReason: 'stop',
  };
}
