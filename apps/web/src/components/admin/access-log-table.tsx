'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useI18n } from '../../i18n/client';
import type { MessageKey } from '../../i18n/en';
import { toUiError } from '../../lib/app-error';
import { useTRPC } from '../../trpc/client';
import { ErrorNotice } from '../error-notice';
import { accessDetail } from './access-detail';
import { useFormat } from '../teacher/format';

const ACTIONS = [
  'TRANSCRIPT_VIEW',
  'SEARCH_RESULTS',
  'FLAG_EXCERPTS',
  'EXPORT_USAGE',
  'EXPORT_ROSTER',
  'EXPORT_FLAGS',
  'EXPORT_TRANSCRIPTS',
  'STUDENT_EXPORT',
  'STUDENT_DELETE',
] as const;
type Action = (typeof ACTIONS)[number];
const isAction = (v: string): v is Action => (ACTIONS as readonly string[]).includes(v);

interface Person {
  id: string;
  name: string;
}

/**
 * Every transcript an adult opened and every export, newest first: the school's answer to "who saw this?". A name
 * in the log narrows it to that student (a parent's "who read my child's conversations?") or that reader.
 */
export function AccessLogTable() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const format = useFormat();
  const [action, setAction] = useState<Action | ''>('');
  const [student, setStudent] = useState<Person | null>(null);
  const [actor, setActor] = useState<Person | null>(null);
  const log = useInfiniteQuery(
    trpc.privacy.accessLog.infiniteQueryOptions(
      { action: action || undefined, studentId: student?.id, actorId: actor?.id },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <main className="mx-auto w-full max-w-5xl space-y-4 px-4 py-6">
      <nav aria-label={t('dash.breadcrumb')} className="text-sm">
        <Link href="/admin" className="text-indigo-700 hover:underline">
          ← {t('admin.title')}
        </Link>
      </nav>
      <h1 className="text-2xl font-semibold">{t('privacy.title')}</h1>
      <p className="text-sm text-slate-600">{t('privacy.intro')}</p>
      <section className="card space-y-3" aria-labelledby="access-log-title">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="access-log-title" className="text-lg font-semibold">
            {t('privacy.accessLog')}
          </h2>
          <label className="text-xs text-slate-600">
            {t('privacy.action')}
            <select
              className="input mt-1"
              value={action}
              onChange={(e) => setAction(isAction(e.target.value) ? e.target.value : '')}
            >
              <option value="">{t('dash.all')}</option>
              {ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {t(`privacy.action.${a}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p className="text-xs text-slate-500">{t('privacy.filterHint')}</p>
        {(actor ?? student) && (
          <div className="flex flex-wrap gap-2">
            {[
              actor && { label: t('privacy.byActor', { name: actor.name }), clear: () => setActor(null) },
              student && { label: t('privacy.aboutStudent', { name: student.name }), clear: () => setStudent(null) },
            ].map(
              (filter) =>
                filter && (
                  <button
                    key={filter.label}
                    type="button"
                    className="btn-secondary text-xs"
                    aria-label={t('privacy.removeFilter', { filter: filter.label })}
                    onClick={filter.clear}
                  >
                    {filter.label} <span aria-hidden>✕</span>
                  </button>
                ),
            )}
          </div>
        )}
        {log.error && <ErrorNotice error={toUiError(log.error)} onRetry={() => void log.refetch()} />}
        {log.isPending && <p className="text-sm text-slate-500">{t('common.loading')}</p>}
        {log.data && items.length === 0 && <p className="text-sm text-slate-500">{t('privacy.empty')}</p>}
        {items.length > 0 && (
          <div className="relative -mx-5 overflow-x-auto px-5">
            <table className="w-full min-w-[40rem] text-sm" data-testid="access-log">
              <thead>
                <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
                  <th scope="col" className="py-2 pr-3 font-medium">
                    {t('privacy.when')}
                  </th>
                  <th scope="col" className="py-2 pr-3 font-medium">
                    {t('privacy.who')}
                  </th>
                  <th scope="col" className="py-2 pr-3 font-medium">
                    {t('privacy.action')}
                  </th>
                  <th scope="col" className="py-2 pr-3 font-medium">
                    {t('dash.col.student')}
                  </th>
                  <th scope="col" className="py-2 pr-3 font-medium">
                    {t('new.class')}
                  </th>
                  <th scope="col" className="py-2 font-medium">
                    {t('privacy.detail')}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {items.map((r) => (
                  <tr key={r.id}>
                    <td className="py-2 pr-3 text-xs">{format.dateTime(r.createdAt)}</td>
                    <td className="py-2 pr-3">
                      <button
                        type="button"
                        className="text-left text-indigo-700 hover:underline"
                        aria-label={t('privacy.onlyActor', { name: r.actorName })}
                        onClick={() => setActor({ id: r.actorId, name: r.actorName })}
                      >
                        {r.actorName}
                      </button>
                    </td>
                    <td className="py-2 pr-3">{t(`privacy.action.${r.action}` as MessageKey)}</td>
                    <td className="py-2 pr-3">
                      {r.studentId ? (
                        <StudentName
                          id={r.studentId}
                          // A deleted student's name is gone; the record keeps their id.
                          name={r.studentName === r.studentId ? null : r.studentName}
                          onPick={setStudent}
                        />
                      ) : (
                        '–'
                      )}
                    </td>
                    <td className="py-2 pr-3">{r.className ?? '–'}</td>
                    <td className="py-2 text-xs text-slate-600">{accessDetail(r.detail, t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {log.hasNextPage && (
          <button type="button" className="btn-secondary" onClick={() => void log.fetchNextPage()}>
            {t('chat.loadMore')}
          </button>
        )}
      </section>
    </main>
  );
}

/** A student named in the log: selecting them shows only what was read or exported about them. */
function StudentName({ id, name, onPick }: { id: string; name: string | null; onPick: (student: Person) => void }) {
  const { t } = useI18n();
  const shown = name ?? t('privacy.studentGone');
  return (
    <button
      type="button"
      className="text-left text-indigo-700 hover:underline"
      aria-label={t('privacy.onlyStudent', { name: shown })}
      onClick={() => onPick({ id, name: shown })}
    >
      {shown}
      {name === null && (
        <>
          {' '}
          <code className="text-xs">{id}</code>
        </>
      )}
    </button>
  );
}
