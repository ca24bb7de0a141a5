import { drillSummarySchema, localize, roleplayReportSchema } from '@lumi/chat-core';
import type { LumiServices } from '../context';
import type { LoadedAttempt } from './access';
import { readCorrections } from './json';
import { partnerGlosses } from './partner-glosses';
import { roleplayMessages, roleplayState } from './roleplay';
import { readSpec } from './specs';

/**
 * Everything the attempt page shows, for the student and for the teacher reading it: the exercise, the transcript
 * with a card per learner turn and the objectives (roleplay), or the answers (drill), and the report.
 */
export async function attemptView(services: LumiServices, attempt: LoadedAttempt) {
  const spec = readSpec(attempt.kind, attempt.spec);
  const [student, grader] = await Promise.all([
    services.db.user.findUniqueOrThrow({ where: { id: attempt.studentId }, select: { name: true } }),
    attempt.teacherGradedById
      ? services.db.user.findUnique({ where: { id: attempt.teacherGradedById }, select: { name: true } })
      : null,
  ]);
  const base = {
    id: attempt.id,
    kind: attempt.kind,
    title: spec.kind === 'ROLEPLAY' ? spec.scenario.title : spec.drill.title,
    status: attempt.status,
    endReason: attempt.endReason,
    feedbackEachTurn: attempt.feedbackEachTurn,
    classId: attempt.classId,
    assignmentId: attempt.assignmentId,
    studentId: attempt.studentId,
    studentName: student.name,
    startedAt: attempt.startedAt,
    finishedAt: attempt.finishedAt,
    /** The teacher's grade over the measured scores, which the student sees; null when none was given. */
    teacherGrade:
      attempt.teacherScore === null
        ? null
        : {
            score: attempt.teacherScore,
            note: attempt.teacherNote,
            gradedAt: attempt.teacherGradedAt,
            gradedBy: grader?.name ?? null,
          },
  };
  if (spec.kind === 'ROLEPLAY') {
    const messages = attempt.conversationId ? await roleplayMessages(services, attempt.conversationId) : [];
    const cards = await services.db.turnFeedback.findMany({
      where: { attemptId: attempt.id },
      orderBy: { turnIndex: 'asc' },
    });
    const state = roleplayState(spec.scenario, messages, cards);
    const report = attempt.report === null ? null : roleplayReportSchema.safeParse(attempt.report);
    return {
      ...base,
      conversationId: attempt.conversationId,
      scenario: spec.scenario,
      drill: null,
      messages: messages.map((m) => ({
        id: m.id,
        role: m.role,
        content: m.content,
        status: m.status,
        errorCode: m.errorCode,
      })),
      cards: cards.map((c) => ({
        messageId: c.messageId,
        turnIndex: c.turnIndex,
        status: c.status,
        verdict: c.verdict,
        corrections: readCorrections(c.corrections),
        corrected: c.corrected,
        objectivesMet: c.objectivesMet,
        reason: c.reason,
      })),
      objectives: state.objectives,
      /** Chinese: glosses of the partner's words beyond the scenario's list (CC-CEDICT), by the word as written. */
      glosses: partnerGlosses(spec.scenario, messages),
      turnsTaken: state.turnsTaken,
      answers: [],
      report: report?.success ? report.data : null,
      summary: null,
    };
  }
  const answers = await services.db.drillAnswer.findMany({
    where: { attemptId: attempt.id },
    orderBy: { itemIndex: 'asc' },
  });
  const summary = attempt.report === null ? null : drillSummarySchema.safeParse(attempt.report);
  return {
    ...base,
    conversationId: null,
    scenario: null,
    drill: spec.drill,
    messages: [],
    cards: [],
    objectives: [],
    glosses: {} as Record<string, string>,
    turnsTaken: answers.length,
    answers: answers.map((a) => ({
      itemIndex: a.itemIndex,
      answer: a.answer,
      status: a.status,
      gradedBy: a.gradedBy,
      score: a.score,
      corrections: readCorrections(a.corrections),
      better: a.better,
      alternatives: a.alternatives,
      comment: a.comment,
      reason: a.reason,
    })),
    report: null,
    summary: summary?.success ? summary.data : null,
  };
}

export type AttemptView = Awaited<ReturnType<typeof attemptView>>;

export function englishTitle(view: Pick<AttemptView, 'title'>): string {
  return localize(view.title, 'en');
}
