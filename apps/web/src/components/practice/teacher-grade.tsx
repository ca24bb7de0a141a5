'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n } from '../../i18n/client';
import { fieldText, localizeError, toUiError } from '../../lib/app-error';
import { useTRPC } from '../../trpc/client';
import { ErrorNotice } from '../error-notice';
import type { AttemptData } from './attempt-data';

/** What the student (and the teacher reading the attempt) sees of the teacher's grade. */
export function TeacherGradeNote({ grade }: { grade: NonNullable<AttemptData['teacherGrade']> }) {
  const { t } = useI18n();
  return (
    <section
      className="mx-auto mt-4 w-full max-w-6xl rounded-lg border border-indigo-200 bg-indigo-50 px-4 py-3"
      data-testid="teacher-grade"
      aria-labelledby="teacher-grade-title"
    >
      <h2 id="teacher-grade-title" className="font-semibold text-indigo-900">
        {t('practice.teacherGrade', { score: grade.score })}
      </h2>
      {grade.note && <p className="mt-1 whitespace-pre-wrap text-sm text-indigo-900">{grade.note}</p>}
      {grade.gradedBy && (
        <p className="mt-1 text-xs text-indigo-700">{t('practice.gradedBy', { name: grade.gradedBy })}</p>
      )}
    </section>
  );
}

/**
 * The teacher's override of one attempt's grade in the results table: a score from 0 to 100 and a note the student
 * reads, or clearing it so the measured scores stand alone.
 */
export function GradeForm({
  attemptId,
  studentName,
  score,
  note,
  onSaved,
}: {
  attemptId: string;
  studentName: string;
  score: number | null;
  note: string | null;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [value, setValue] = useState(score === null ? '' : String(score));
  const [text, setText] = useState(note ?? '');
  const grade = useMutation(
    trpc.practice.grade.mutationOptions({
      onSuccess: (view) => {
        queryClient.setQueryData(trpc.practice.attempt.queryKey({ attemptId }), view);
        onSaved();
      },
    }),
  );
  const failure = grade.error ? toUiError(grade.error) : null;
  // A field the server refused reads as that field's message, in the screen's language.
  const field = Object.values(failure?.fieldErrors ?? {})
    .flat()
    .find((m): m is string => Boolean(m));
  return (
    <form
      className="grid gap-2 py-2"
      data-testid="grade-form"
      onSubmit={(e) => {
        e.preventDefault();
        grade.mutate({ attemptId, score: value.trim() === '' ? null : Number(value), note: text });
      }}
    >
      <label className="flex items-center gap-2 text-sm">
        {t('tpractice.gradeLabel', { name: studentName })}
        <input
          type="number"
          min={0}
          max={100}
          step={1}
          inputMode="numeric"
          className="input w-20"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      </label>
      <label className="grid gap-1 text-sm">
        {t('tpractice.gradeNote')}
        <textarea className="input" rows={2} maxLength={1000} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <p className="text-xs text-slate-500">{t('tpractice.gradeHint')}</p>
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={grade.isPending}>
          {t('tpractice.gradeSave')}
        </button>
      </div>
      {failure && (
        <ErrorNotice error={field ? { ...failure, message: fieldText(field, t) } : localizeError(failure, t)} />
      )}
    </form>
  );
}
