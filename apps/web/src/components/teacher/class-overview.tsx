'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useI18n } from '../../i18n/client';
import { toUiError } from '../../lib/app-error';
import { useTRPC } from '../../trpc/client';
import { ErrorNotice } from '../error-notice';
import { useFormat } from './format';
import { LiveFlagNotice } from './live-flag-notice';
import { useLiveFlags } from './use-live-flags';

/**
 * Every class at a glance: who is active today, what it costs, and flags waiting for review. An admin sees every
 * teacher's classes, each with its teacher's name.
 */
export function ClassOverview({ isAdmin = false }: { isAdmin?: boolean }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const format = useFormat();
  const overview = useQuery({ ...trpc.teacher.overview.queryOptions(), refetchInterval: 60_000 });
  const liveFlag = useLiveFlags();
  const flagged = overview.data?.filter((c) => c.openFlags > 0) ?? [];

  return (
    <section aria-labelledby="classes-title" className="space-y-3">
      <h1 id="classes-title" className="text-2xl font-semibold">
        {isAdmin ? t('teacher.allClasses') : t('teacher.title')}
      </h1>
      <LiveFlagNotice flag={liveFlag} />
      {flagged.length > 0 && (
        <div role="status" className="rounded-lg border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          {flagged.map((c) => (
            <p key={c.id}>
              <Link href={`/teacher/classes/${c.id}?tab=flags`} className="font-medium underline">
                {t('dash.flagAlert', { count: c.openFlags, name: c.name })}
              </Link>
            </p>
          ))}
        </div>
      )}
      {overview.isPending && <p className="text-sm text-slate-500">{t('common.loading')}</p>}
      {overview.error && <ErrorNotice error={toUiError(overview.error)} onRetry={() => void overview.refetch()} />}
      {overview.data?.length === 0 && <p className="card text-sm text-slate-500">{t('teacher.noClasses')}</p>}
      <ul className="grid gap-3 sm:grid-cols-2">
        {overview.data?.map((c) => (
          <li key={c.id} className={`card space-y-3 ${c.archived ? 'opacity-70' : ''}`} data-testid="class-card">
            <div className="flex items-start justify-between gap-2">
              <div>
                <Link
                  href={`/teacher/classes/${c.id}`}
                  className="text-lg font-semibold text-indigo-700 hover:underline"
                >
                  {c.name}
                </Link>
                <p className="text-xs text-slate-500">
                  {isAdmin && (
                    <span className="block" data-testid="class-teacher">
                      {t('teacher.taughtBy', { name: c.teacherName })}
                    </span>
                  )}
                  {c.subject ? `${c.subject} · ` : ''}
                  {t('teacher.students', { count: c.students })}
                  {c.archived && ` · ${t('dash.archived')}`}
                </p>
              </div>
              <p className="text-right text-xs text-slate-500">
                {t('teacher.joinCode')}
                <code
                  className="mt-0.5 block rounded bg-indigo-50 px-2 py-1 font-mono text-sm tracking-widest text-indigo-800"
                  data-testid="join-code"
                >
                  {c.joinCode}
                </code>
              </p>
            </div>
            <dl className="grid grid-cols-3 gap-2 text-sm">
              <div>
                <dt className="text-xs text-slate-500">{t('dash.activeToday')}</dt>
                <dd className="font-medium">
                  {c.activeToday} / {c.students}
                </dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">{t('dash.today')}</dt>
                <dd className="font-medium">{format.compact(c.tokensToday)}</dd>
                <dd className="text-xs text-slate-500">{format.cost(c.costMicrosToday)}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">{t('dash.thisMonth')}</dt>
                <dd className="font-medium">{format.compact(c.tokensMonth)}</dd>
                <dd className="text-xs text-slate-500">{format.cost(c.costMicrosMonth)}</dd>
              </div>
            </dl>
            <p className="text-sm">
              {c.openFlags > 0 ? (
                <Link
                  href={`/teacher/classes/${c.id}?tab=flags`}
                  className="rounded bg-red-100 px-2 py-0.5 font-medium text-red-800"
                >
                  {t('dash.openFlags', { count: c.openFlags })}
                </Link>
              ) : (
                <span className="text-slate-500">{t('dash.noOpenFlags')}</span>
              )}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
