'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useI18n } from '../../i18n/client';
import { localizeError, toUiError } from '../../lib/app-error';
import { useTRPC } from '../../trpc/client';
import { ErrorNotice } from '../error-notice';
import { ClassPractice } from '../practice/teacher-practice';
import { ClassExports } from './class-exports';
import { ClassInsight } from './class-insight';
import { ClassSearch } from './class-search';
import { ClassSettingsForm } from './class-settings-form';
import { CLASS_TAB_LABELS, CLASS_TABS, type ClassTab } from './class-tabs';
import { ConversationTable } from './conversation-table';
import { FlagQueue } from './flag-queue';
import { LiveFlagNotice } from './live-flag-notice';
import { RosterTable } from './roster-table';
import { UsageCharts } from './usage-charts';
import { useLiveFlags } from './use-live-flags';

/** One class: its roster, charts, sessions, search and flags, one tab at a time (the tab is in the address). */
export function ClassPage({ classId, tab }: { classId: string; tab: ClassTab }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const roster = useQuery(trpc.teacher.roster.queryOptions({ classId }));
  const liveFlag = useLiveFlags(classId);
  const openFlags = roster.data?.students.reduce((sum, s) => sum + s.openFlags, 0) ?? 0;

  return (
    <main className="mx-auto w-full max-w-6xl space-y-4 px-4 py-6">
      <nav aria-label={t('dash.breadcrumb')} className="text-sm">
        <Link href="/teacher" className="text-indigo-700 hover:underline">
          ← {t('teacher.title')}
        </Link>
      </nav>
      {roster.error && (
        <ErrorNotice
          error={localizeError(toUiError(roster.error), t)}
          // A class that is not there (or not the caller's) will not appear on a retry.
          onRetry={roster.error.data?.code === 'NOT_FOUND' ? undefined : () => void roster.refetch()}
        />
      )}
      {/* Without the class, its tabs and their sections (each repeating the error) have nothing to show. */}
      {!(roster.error && !roster.data) && (
        <>
          {roster.data && (
            <header className="flex flex-wrap items-end justify-between gap-2">
              <div>
                <h1 className="text-2xl font-semibold">{roster.data.class.name}</h1>
                <p className="text-sm text-slate-500">
                  {roster.data.class.subject ? `${roster.data.class.subject} · ` : ''}
                  {t('teacher.students', { count: roster.data.students.length })}
                  {roster.data.class.archived && ` · ${t('dash.archived')}`}
                </p>
              </div>
              <p className="text-sm text-slate-600">
                {t('teacher.joinCode')}:{' '}
                <code className="rounded bg-indigo-50 px-2 py-1 font-mono tracking-widest text-indigo-800">
                  {roster.data.class.joinCode}
                </code>
              </p>
            </header>
          )}
          <LiveFlagNotice flag={liveFlag} />
          <nav aria-label={t('dash.sections')} className="relative -mx-4 overflow-x-auto px-4">
            <ul className="flex gap-1 border-b border-slate-200">
              {CLASS_TABS.map((name) => (
                <li key={name}>
                  <Link
                    href={`/teacher/classes/${classId}?tab=${name}`}
                    aria-current={tab === name ? 'page' : undefined}
                    className={`block whitespace-nowrap border-b-2 px-3 py-2 text-sm font-medium ${
                      tab === name
                        ? 'border-indigo-600 text-indigo-700'
                        : 'border-transparent text-slate-600 hover:text-slate-900'
                    }`}
                  >
                    {t(CLASS_TAB_LABELS[name])}
                    {name === 'flags' && openFlags > 0 && (
                      <>
                        <span
                          aria-hidden="true"
                          className="ml-1.5 rounded-full bg-red-600 px-1.5 py-0.5 text-xs text-white"
                        >
                          {openFlags}
                        </span>
                        <span className="sr-only"> ({t('dash.openFlags', { count: openFlags })})</span>
                      </>
                    )}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
          {tab === 'roster' && <RosterTable classId={classId} />}
          {tab === 'usage' && <UsageCharts classId={classId} />}
          {tab === 'insight' && <ClassInsight classId={classId} />}
          {tab === 'conversations' && <ConversationTable classId={classId} />}
          {tab === 'search' && <ClassSearch classId={classId} />}
          {tab === 'flags' && <FlagQueue classId={classId} />}
          {tab === 'practice' && <ClassPractice classId={classId} />}
          {tab === 'settings' && <ClassSettingsForm classId={classId} />}
          {tab === 'exports' && <ClassExports classId={classId} />}
        </>
      )}
    </main>
  );
}
