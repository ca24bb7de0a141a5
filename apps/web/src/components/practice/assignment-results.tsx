'use client';

import { localize } from '@lumi/chat-core/practice';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useI18n } from '../../i18n/client';
import { toUiError } from '../../lib/app-error';
import { useTRPC } from '../../trpc/client';
import { ErrorNotice } from '../error-notice';
import { MarkedText } from './correction-card';
import { GradeForm } from './teacher-grade';

/**
 * One assignment's results for its teacher: who started and finished, scores and goals met per student, the class's
 * most common error types with excerpts that open the attempt, and a CSV of the table.
 */
export function AssignmentResults({ assignmentId }: { assignmentId: string }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const results = useQuery(trpc.practice.results.queryOptions({ assignmentId }));
  const time = new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' });

  async function exportCsv() {
    const file = await queryClient.fetchQuery(trpc.practice.resultsCsv.queryOptions({ assignmentId }));
    const url = URL.createObjectURL(new Blob([file.csv], { type: 'text/csv;charset=utf-8' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: file.filename });
    link.click();
    URL.revokeObjectURL(url);
  }

  if (results.isPending) return <p className="p-6 text-sm text-slate-500">{t('common.loading')}</p>;
  if (results.error)
    return (
      <div className="mx-auto max-w-3xl p-6">
        <ErrorNotice error={toUiError(results.error)} onRetry={() => void results.refetch()} />
      </div>
    );
  const { assignment, rows, commonErrors } = results.data;
  const score = (n: number | null) => (n === null ? '–' : n);

  return (
    <main className="mx-auto w-full max-w-5xl space-y-6 px-4 py-6">
      <Link
        href={`/teacher/classes/${assignment.classId}?tab=practice`}
        className="text-sm text-indigo-700 hover:underline"
      >
        ← {t('tpractice.back')}
      </Link>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-semibold">{localize(assignment.title, locale)}</h1>
        <span className="text-slate-500">{assignment.className}</span>
        <button type="button" className="btn-secondary ml-auto" onClick={() => void exportCsv()}>
          {t('tpractice.csv')}
        </button>
      </div>
      <section className="card relative overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="results-table">
          <thead className="text-xs text-slate-500">
            <tr>
              <th className="py-1 pr-3">{t('tpractice.student')}</th>
              <th className="py-1 pr-3">{t('tpractice.status')}</th>
              <th className="py-1 pr-3">{t('tpractice.finishedAt')}</th>
              <th className="py-1 pr-3">{t('practice.score.taskCompletion')}</th>
              <th className="py-1 pr-3">{t('practice.score.accuracy')}</th>
              <th className="py-1 pr-3">{t('practice.score.vocabularyRange')}</th>
              <th className="py-1 pr-3">{t('practice.score.fluency')}</th>
              <th className="py-1 pr-3">{t('tpractice.objectives')}</th>
              <th className="py-1 pr-3">{t('tpractice.level')}</th>
              <th className="py-1 pr-3">{t('tpractice.teacherGrade')}</th>
              <th className="py-1" />
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => (
              <tr key={r.studentId}>
                <td className="py-2 pr-3 font-medium">{r.studentName}</td>
                <td className="py-2 pr-3">{t(`practice.status.${r.status}`)}</td>
                <td className="py-2 pr-3 text-slate-500">{r.finishedAt ? time.format(new Date(r.finishedAt)) : '–'}</td>
                <td className="py-2 pr-3 tabular-nums">{score(r.taskCompletion)}</td>
                <td className="py-2 pr-3 tabular-nums">{score(r.accuracy)}</td>
                <td className="py-2 pr-3 tabular-nums">{score(r.vocabularyRange)}</td>
                <td className="py-2 pr-3 tabular-nums">{score(r.fluency)}</td>
                <td className="py-2 pr-3 tabular-nums">
                  {r.objectivesMet === null ? '–' : `${r.objectivesMet}/${r.objectivesTotal}`}
                </td>
                <td className="py-2 pr-3">{r.estimatedLevel ?? '–'}</td>
                <td className="py-2 pr-3 align-top" data-testid="teacher-grade-cell">
                  {r.attemptId ? (
                    <details>
                      <summary className="cursor-pointer tabular-nums">
                        {r.teacherScore ?? '–'} <span className="text-indigo-700">{t('tpractice.gradeEdit')}</span>
                      </summary>
                      <GradeForm
                        attemptId={r.attemptId}
                        studentName={r.studentName}
                        score={r.teacherScore}
                        note={r.teacherNote}
                        onSaved={() => void results.refetch()}
                      />
                    </details>
                  ) : (
                    '–'
                  )}
                </td>
                <td className="py-2">
                  {r.attemptId && (
                    <Link href={`/practice/${r.attemptId}`} className="text-indigo-700 hover:underline">
                      {t('tpractice.open')}
                      <span className="sr-only">: {r.studentName}</span>
                    </Link>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card space-y-3" aria-labelledby="errors-title">
        <h2 id="errors-title" className="text-lg font-semibold">
          {t('tpractice.commonErrors')}
        </h2>
        {commonErrors.length === 0 && <p className="text-sm text-slate-500">{t('tpractice.noErrors')}</p>}
        <ol className="space-y-3">
          {commonErrors.map((e) => (
            <li key={e.type} data-testid="common-error">
              <p className="font-medium">
                {t(`practice.error.${e.type}`)}{' '}
                <span className="text-sm font-normal text-slate-500">
                  · {t('tpractice.errorCount', { count: e.count })}
                </span>
              </p>
              <ul className="mt-1 space-y-1 text-sm">
                {e.excerpts.map((x, i) => (
                  <li key={i}>
                    <Link href={`/practice/${x.attemptId}`} className="hover:underline">
                      <span className="text-slate-500">{x.studentName}: </span>
                      <MarkedText text={x.text} corrections={[x.correction]} />
                      <span className="text-emerald-700"> → {x.correction.replacement}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      </section>
    </main>
  );
}
