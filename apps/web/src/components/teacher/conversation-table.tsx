'use client';

import { tutorModeSchema } from '@lumi/api/schemas';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useI18n } from '../../i18n/client';
import type { MessageKey } from '../../i18n/en';
import { toUiError } from '../../lib/app-error';
import { useTRPC } from '../../trpc/client';
import { ErrorNotice } from '../error-notice';
import { useFormat } from './format';
import { sessionTitle } from '../../lib/session-title';
import { DateRangeFields } from './date-range-fields';
import { useAddressFilters } from './use-address-filters';

const MODES = tutorModeSchema.options;
type Mode = (typeof MODES)[number];
const isMode = (value: string): value is Mode => (MODES as readonly string[]).includes(value);

const FILTERS = ['student', 'mode', 'flagged', 'from', 'to'] as const;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

/**
 * The days a From/To pair means: one end alone runs to today or from a year before, and ends given the wrong way
 * round are read the right way round (the list never ignores a date the teacher picked).
 */
export function sessionDays(from: string, to: string): { from: string; to: string } | undefined {
  const [start, end] = [DAY.test(from) ? from : '', DAY.test(to) ? to : ''];
  if (!start && !end) return undefined;
  const last = end || dayOf(new Date());
  const first = start || dayOf(new Date(Date.parse(`${last}T00:00:00Z`) - 365 * 86_400_000));
  return first <= last ? { from: first, to: last } : { from: last, to: first };
}

/**
 * The class's sessions, filtered by student, mode, days and flags (kept in the address: Back from a transcript
 * finds the same list); each opens its transcript.
 */
export function ConversationTable({ classId }: { classId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const format = useFormat();
  const roster = useQuery(trpc.teacher.roster.queryOptions({ classId }));
  const former = useQuery(trpc.teacher.formerStudents.queryOptions({ classId }));
  const [filters, setFilters] = useAddressFilters(FILTERS);
  const { student: studentId, from, to } = filters;
  const mode = isMode(filters.mode) ? filters.mode : '';
  const flagged = filters.flagged === 'yes' || filters.flagged === 'no' ? filters.flagged : '';
  const range = sessionDays(from, to);
  const list = useInfiniteQuery(
    trpc.teacher.conversations.infiniteQueryOptions(
      {
        classId,
        studentId: studentId || undefined,
        mode: mode || undefined,
        flagged: flagged === '' ? undefined : flagged === 'yes',
        range,
      },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section className="card space-y-3" aria-labelledby="conversations-title">
      <h2 id="conversations-title" className="text-lg font-semibold">
        {t('dash.tab.conversations')}
      </h2>
      <div className="flex flex-wrap items-end gap-3 text-xs text-slate-600">
        <label>
          {t('dash.col.student')}
          <select className="input mt-1" value={studentId} onChange={(e) => setFilters({ student: e.target.value })}>
            <option value="">{t('dash.everyone')}</option>
            {roster.data?.students.map((s) => (
              <option key={s.studentId} value={s.studentId}>
                {s.name}
              </option>
            ))}
            {former.data && former.data.length > 0 && (
              <optgroup label={t('dash.formerStudents')}>
                {former.data.map((s) => (
                  <option key={s.studentId} value={s.studentId}>
                    {s.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        <label>
          {t('new.mode')}
          <select className="input mt-1" value={mode} onChange={(e) => setFilters({ mode: e.target.value })}>
            <option value="">{t('dash.anyMode')}</option>
            {MODES.map((m) => (
              <option key={m} value={m}>
                {t(`mode.${m}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <DateRangeFields optional range={{ from, to }} onChange={(next) => setFilters(next)} />
        <label>
          {t('dash.col.flags')}
          <select className="input mt-1" value={flagged} onChange={(e) => setFilters({ flagged: e.target.value })}>
            <option value="">{t('dash.all')}</option>
            <option value="yes">{t('dash.flaggedOnly')}</option>
            <option value="no">{t('dash.unflaggedOnly')}</option>
          </select>
        </label>
      </div>
      {list.error && <ErrorNotice error={toUiError(list.error)} onRetry={() => void list.refetch()} />}
      {list.isPending && <p className="text-sm text-slate-500">{t('common.loading')}</p>}
      {list.data && items.length === 0 && <p className="text-sm text-slate-500">{t('dash.noConversations')}</p>}
      {items.length > 0 && (
        <div className="relative -mx-5 overflow-x-auto px-5">
          <table className="w-full min-w-[48rem] text-sm" data-testid="conversations">
            <thead>
              <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
                <th scope="col" className="py-2 pr-3 font-medium">
                  {t('dash.col.session')}
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  {t('dash.col.student')}
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  {t('new.mode')}
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  {t('dash.col.messages')}
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  {t('dash.tokens')}
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  {t('dash.col.lastActive')}
                </th>
                <th scope="col" className="py-2 font-medium">
                  {t('dash.col.flags')}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {items.map((c) => (
                <tr key={c.id}>
                  <th scope="row" className="py-2 pr-3 text-left font-medium">
                    <Link
                      href={`/teacher/classes/${classId}/conversations/${c.id}`}
                      className="text-indigo-700 hover:underline"
                    >
                      {sessionTitle(c.title, t)}
                    </Link>
                    {c.deletedByStudent && (
                      <span className="ml-2 text-xs font-normal text-slate-500">{t('dash.deletedByStudent')}</span>
                    )}
                  </th>
                  <td className="py-2 pr-3">{c.studentName}</td>
                  <td className="py-2 pr-3">{t(`mode.${c.mode}` as MessageKey)}</td>
                  <td className="py-2 pr-3 tabular-nums">{c.messages}</td>
                  <td className="py-2 pr-3 tabular-nums">
                    {format.tokens(c.tokens)}
                    <span className="block text-xs text-slate-500">{format.cost(c.costMicros)}</span>
                  </td>
                  <td className="py-2 pr-3 text-xs">{format.dateTime(c.lastMessageAt)}</td>
                  <td className="py-2">
                    {c.flags > 0 ? (
                      <span
                        className={`rounded px-2 py-0.5 text-xs font-medium ${c.openFlags > 0 ? 'bg-red-100 text-red-800' : 'bg-slate-100 text-slate-600'}`}
                      >
                        {c.openFlags > 0
                          ? t('dash.openFlags', { count: c.openFlags })
                          : t('dash.reviewedFlags', { count: c.flags })}
                      </span>
                    ) : (
                      <span className="text-slate-400">–</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {list.hasNextPage && (
        <button
          type="button"
          className="btn-secondary"
          disabled={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          {t('chat.loadMore')}
        </button>
      )}
    </section>
  );
}
