'use client';

import { localize } from '@lumi/chat-core/practice';
import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useI18n } from '../../i18n/client';
import { localizeError, toUiError } from '../../lib/app-error';
import { useTRPC } from '../../trpc/client';
import { ErrorNotice } from '../error-notice';

const STATUS_STYLE = {
  NOT_STARTED: 'bg-slate-100 text-slate-700',
  IN_PROGRESS: 'bg-sky-100 text-sky-800',
  FINISHED: 'bg-emerald-100 text-emerald-800',
  OVERDUE: 'bg-rose-100 text-rose-800',
} as const;

/** The student's assignments with their status; on the home page and the practice page. */
export function AssignmentList({ compact = false }: { compact?: boolean }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const assignments = useQuery(trpc.practice.myAssignments.queryOptions());
  const start = useMutation(
    trpc.practice.start.mutationOptions({ onSuccess: (a) => router.push(`/practice/${a.id}`) }),
  );
  const date = new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium' });
  return (
    <section className="card space-y-3" aria-labelledby="assignments-title" data-testid="assignments">
      <div className="flex items-center">
        <h2 id="assignments-title" className="text-lg font-semibold">
          {t('practice.assignments')}
        </h2>
        {compact && (
          <Link href="/practice" className="ml-auto text-sm text-indigo-700 hover:underline">
            {t('practice.title')} →
          </Link>
        )}
      </div>
      {assignments.isPending && <p className="text-sm text-slate-500">{t('common.loading')}</p>}
      {assignments.error && (
        <ErrorNotice error={toUiError(assignments.error)} onRetry={() => void assignments.refetch()} />
      )}
      {start.error && <ErrorNotice error={localizeError(toUiError(start.error), t)} />}
      {assignments.data?.length === 0 && <p className="text-sm text-slate-500">{t('practice.noAssignments')}</p>}
      <ul className="divide-y divide-slate-100">
        {assignments.data?.map((a) => (
          <li key={a.id} className="flex flex-wrap items-center gap-2 py-2 text-sm" data-testid="assignment">
            <span className="font-medium">{localize(a.title, locale)}</span>
            <span className="text-slate-500">· {a.className}</span>
            {a.dueAt && (
              <span className="text-slate-500">· {t('practice.due', { date: date.format(new Date(a.dueAt)) })}</span>
            )}
            <span className={`rounded px-1.5 py-0.5 text-xs ${STATUS_STYLE[a.status]}`}>
              {t(`practice.status.${a.status}`)}
            </span>
            <span className="ml-auto">
              {a.attemptId ? (
                <Link href={`/practice/${a.attemptId}`} className="btn-secondary">
                  {a.status === 'FINISHED' ? t('practice.review') : t('practice.continue')}
                </Link>
              ) : (
                <button
                  type="button"
                  className="btn-primary"
                  disabled={start.isPending}
                  onClick={() => start.mutate({ assignmentId: a.id })}
                >
                  {t('practice.start')}
                </button>
              )}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
