import type { Correction, ErrorType } from '@lumi/chat-core';
import type { Context, SessionUser } from '../context';
import { loadManagedAssignment } from './access';
import { readCorrections } from './json';
import { readSpec, titleOf } from './specs';

const EXCERPTS_PER_TYPE = 3;

/**
 * One assignment's results: a row per student of the class (who started and finished, scores, objectives met),
 * and the class's most common error types, each with excerpts linked to the attempt they come from.
 */
export async function assignmentResults(ctx: Pick<Context, 'db'>, user: SessionUser, assignmentId: string) {
  const assignment = await loadManagedAssignment(ctx, user, assignmentId);
  const spec = readSpec(assignment.kind, assignment.spec);
  const [students, attempts] = await Promise.all([
    ctx.db.enrollment.findMany({
      where: { classId: assignment.classId },
      orderBy: { student: { name: 'asc' } },
      select: { student: { select: { id: true, name: true } } },
    }),
    ctx.db.practiceAttempt.findMany({
      where: { assignmentId: assignment.id },
      orderBy: { startedAt: 'asc' },
      include: {
        feedback: { where: { status: 'READY' }, include: { message: { select: { content: true } } } },
        answers: { where: { status: 'READY' } },
      },
    }),
  ]);
  const objectivesTotal = spec.kind === 'ROLEPLAY' ? spec.scenario.objectives.length : 0;
  const rows = students.map(({ student }) => {
    const mine = attempts.filter((a) => a.studentId === student.id);
    // The finished attempt counts; otherwise the latest one.
    const best = mine.filter((a) => a.status === 'FINISHED').at(-1) ?? mine.at(-1) ?? null;
    const objectives =
      best?.report &&
      typeof best.report === 'object' &&
      'objectives' in best.report &&
      Array.isArray(best.report.objectives)
        ? best.report.objectives.filter((o) => typeof o === 'object' && o !== null && 'met' in o && o.met === true)
            .length
        : null;
    return {
      studentId: student.id,
      studentName: student.name,
      attemptId: best?.id ?? null,
      status: best?.status ?? ('NOT_STARTED' as const),
      startedAt: best?.startedAt ?? null,
      finishedAt: best?.finishedAt ?? null,
      taskCompletion: best?.taskCompletion ?? null,
      accuracy: best?.accuracy ?? null,
      vocabularyRange: best?.vocabularyRange ?? null,
      fluency: best?.fluency ?? null,
      estimatedLevel: best?.estimatedLevel ?? null,
      teacherScore: best?.teacherScore ?? null,
      teacherNote: best?.teacherNote ?? null,
      objectivesMet: objectives,
      objectivesTotal,
    };
  });

  const byType = new Map<
    ErrorType,
    { count: number; excerpts: Array<{ attemptId: string; studentName: string; text: string; correction: Correction }> }
  >();
  const names = new Map(students.map(({ student }) => [student.id, student.name]));
  for (const attempt of attempts) {
    const texts = [
      ...attempt.feedback.map((f) => ({ text: f.message.content, corrections: readCorrections(f.corrections) })),
      ...attempt.answers.map((a) => ({ text: a.answer, corrections: readCorrections(a.corrections) })),
    ];
    for (const { text, corrections } of texts) {
      for (const c of corrections) {
        const entry = byType.get(c.type) ?? { count: 0, excerpts: [] };
        entry.count++;
        if (entry.excerpts.length < EXCERPTS_PER_TYPE) {
          entry.excerpts.push({
            attemptId: attempt.id,
            studentName: names.get(attempt.studentId) ?? '',
            text,
            correction: c,
          });
        }
        byType.set(c.type, entry);
      }
    }
  }
  const commonErrors = [...byType]
    .map(([type, entry]) => ({ type, ...entry }))
    .sort((a, b) => b.count - a.count)
    .slice(0, 5);
  return {
    assignment: {
      id: assignment.id,
      classId: assignment.classId,
      className: assignment.class.name,
      kind: assignment.kind,
      title: titleOf(spec),
      dueAt: assignment.dueAt,
    },
    rows,
    commonErrors,
  };
}

export type AssignmentResults = Awaited<ReturnType<typeof assignmentResults>>;

const CSV_COLUMNS = [
  'student',
  'status',
  'started',
  'finished',
  'task_completion',
  'accuracy',
  'vocabulary_range',
  'fluency',
  'objectives_met',
  'objectives_total',
  'estimated_level',
  'teacher_grade',
  'teacher_note',
] as const;

/** RFC 4180 field; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The results table as CSV, the same rows the page shows. */
export function resultsCsv(results: AssignmentResults): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const r of results.rows) {
    lines.push(
      [
        r.studentName,
        r.status,
        r.startedAt?.toISOString() ?? null,
        r.finishedAt?.toISOString() ?? null,
        r.taskCompletion,
        r.accuracy,
        r.vocabularyRange,
        r.fluency,
        r.objectivesMet,
        r.objectivesTotal || null,
        r.estimatedLevel,
        r.teacherScore,
        r.teacherNote,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
