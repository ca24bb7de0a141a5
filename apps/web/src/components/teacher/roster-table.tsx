'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { useI18n } from '../../i18n/client';
import type { MessageKey } from '../../i18n/en';
import { localizeError, toUiError } from '../../lib/app-error';
import { useTRPC } from '../../trpc/client';
import { ErrorNotice } from '../error-notice';
import { useResetCode } from '../reset-code-notice';
import { ExtraAllowance } from './extra-allowance';
import { useFormat } from './format';

type SortKey = 'name' | 'tokensToday' | 'tokens7d' | 'tokens30d' | 'budget' | 'sessions' | 'lastActiveAt' | 'openFlags';

const COLUMNS: Array<[SortKey, MessageKey]> = [
  ['name', 'dash.col.student'],
  ['tokensToday', 'dash.col.today'],
  ['tokens7d', 'dash.col.7d'],
  ['tokens30d', 'dash.col.30d'],
  ['budget', 'dash.col.budget'],
  ['sessions', 'dash.col.sessions'],
  ['lastActiveAt', 'dash.col.lastActive'],
  ['openFlags', 'dash.col.flags'],
];

/** Every student's use and cost, today's budget as a bar, sortable by any column and filtered by name. */
export function RosterTable({ classId }: { classId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const format = useFormat();
  const queryClient = useQueryClient();
  const roster = useQuery(trpc.teacher.roster.queryOptions({ classId }));
  const remove = useMutation(
    trpc.teacher.removeStudent.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.teacher.roster.queryKey({ classId }) }),
    }),
  );
  const reset = useResetCode();
  const [filter, setFilter] = useState('');
  const [onlyFlagged, setOnlyFlagged] = useState(false);
  const [sort, setSort] = useState<{ key: SortKey; descending: boolean }>({ key: 'name', descending: false });

  const budget = roster.data?.class.dailyTokenBudget ?? 0;
  const students = roster.data?.students;
  const rows = useMemo(() => {
    const needle = filter.trim().toLocaleLowerCase();
    const value = (row: NonNullable<typeof students>[number]): string | number => {
      if (sort.key === 'name') return row.name.toLocaleLowerCase();
      if (sort.key === 'budget') return row.budgetUsedToday;
      if (sort.key === 'lastActiveAt') return row.lastActiveAt ? new Date(row.lastActiveAt).getTime() : 0;
      return row[sort.key];
    };
    return (students ?? [])
      .filter((s) => !needle || `${s.name} ${s.email}`.toLocaleLowerCase().includes(needle))
      .filter((s) => !onlyFlagged || s.openFlags > 0)
      .sort((a, b) => {
        const [x, y] = [value(a), value(b)];
        const order = x < y ? -1 : x > y ? 1 : 0;
        return sort.descending ? -order : order;
      });
  }, [students, filter, onlyFlagged, sort]);

  function sortBy(key: SortKey) {
    setSort((current) => ({ key, descending: current.key === key ? !current.descending : key !== 'name' }));
  }

  if (roster.isPending) return <p className="text-sm text-slate-500">{t('common.loading')}</p>;
  if (roster.error) return <ErrorNotice error={toUiError(roster.error)} onRetry={() => void roster.refetch()} />;

  return (
    <section className="card space-y-3" aria-labelledby="roster-title">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="roster-title" className="text-lg font-semibold">
          {t('dash.tab.roster')}
        </h2>
        <div className="flex flex-wrap items-center gap-3">
          <label className="text-sm">
            <span className="sr-only">{t('dash.filterStudents')}</span>
            <input
              type="search"
              className="input w-56"
              placeholder={t('dash.filterStudents')}
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={onlyFlagged} onChange={(e) => setOnlyFlagged(e.target.checked)} />
            {t('dash.onlyFlagged')}
          </label>
        </div>
      </div>
      {remove.error && <ErrorNotice error={toUiError(remove.error)} />}
      {reset.error && <ErrorNotice error={localizeError(toUiError(reset.error), t)} />}
      {reset.notice}
      {roster.data.students.length === 0 ? (
        <p className="text-sm text-slate-500">{t('dash.noStudents', { code: roster.data.class.joinCode })}</p>
      ) : (
        <div className="relative -mx-5 overflow-x-auto px-5">
          <table className="w-full min-w-[56rem] text-sm" data-testid="roster">
            <caption className="sr-only">{t('dash.rosterCaption')}</caption>
            <thead>
              <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
                {COLUMNS.map(([key, label]) => (
                  <th
                    key={key}
                    scope="col"
                    className="py-2 pr-3 font-medium"
                    aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : undefined}
                  >
                    <button type="button" className="hover:text-slate-900" onClick={() => sortBy(key)}>
                      {t(label)}
                      {sort.key === key ? (sort.descending ? ' ↓' : ' ↑') : ''}
                    </button>
                  </th>
                ))}
                <th scope="col" className="py-2 font-medium">
                  <span className="sr-only">{t('dash.col.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((s) => {
                // Today's allowance is the class budget plus any extra the teacher gave this student for today.
                const allowance = budget + s.extraToday;
                const share = allowance > 0 ? Math.min(1, s.budgetUsedToday / allowance) : 1;
                return (
                  <tr key={s.studentId} data-testid="roster-row">
                    <th scope="row" className="py-2 pr-3 text-left font-medium">
                      <Link
                        href={`/teacher/classes/${classId}?tab=conversations&student=${s.studentId}`}
                        className="text-indigo-700 hover:underline"
                      >
                        {s.name}
                      </Link>
                      <span className="block text-xs font-normal text-slate-500">{s.email}</span>
                    </th>
                    {(
                      [
                        [s.tokensToday, s.costMicrosToday],
                        [s.tokens7d, s.costMicros7d],
                        [s.tokens30d, s.costMicros30d],
                      ] as const
                    ).map(([tokens, cost], i) => (
                      <td key={i} className="py-2 pr-3 tabular-nums">
                        {format.tokens(tokens)}
                        <span className="block text-xs text-slate-500">{format.cost(cost)}</span>
                      </td>
                    ))}
                    <td className="py-2 pr-3">
                      <div
                        role="meter"
                        aria-valuemin={0}
                        aria-valuemax={allowance}
                        aria-valuenow={s.budgetUsedToday}
                        aria-label={t('dash.budgetOf', { name: s.name })}
                        className="h-2 w-28 overflow-hidden rounded-full bg-slate-200"
                      >
                        <div
                          className={`h-full ${share >= 1 ? 'bg-red-500' : share >= 0.8 ? 'bg-amber-500' : 'bg-emerald-500'}`}
                          style={{ width: `${share * 100}%` }}
                        />
                      </div>
                      <span className="text-xs text-slate-500 tabular-nums">
                        {format.tokens(s.budgetUsedToday)} / {format.tokens(budget)}
                      </span>
                      {s.extraToday > 0 && (
                        <span className="block text-xs font-medium text-emerald-700" data-testid="roster-extra">
                          {t('dash.extraToday', { extra: format.tokens(s.extraToday) })}
                        </span>
                      )}
                    </td>
                    <td className="py-2 pr-3 tabular-nums">{s.sessions}</td>
                    <td className="py-2 pr-3 text-xs text-slate-600">
                      {s.lastActiveAt ? (
                        <time dateTime={new Date(s.lastActiveAt).toISOString()} title={format.dateTime(s.lastActiveAt)}>
                          {format.ago(s.lastActiveAt)}
                        </time>
                      ) : (
                        t('dash.never')
                      )}
                    </td>
                    <td className="py-2 pr-3">
                      {s.openFlags > 0 ? (
                        <Link
                          href={`/teacher/classes/${classId}?tab=flags`}
                          className="rounded bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800"
                        >
                          {s.openFlags}
                        </Link>
                      ) : (
                        <span className="text-slate-400">0</span>
                      )}
                    </td>
                    <td className="py-2 text-right whitespace-nowrap">
                      <ExtraAllowance classId={classId} studentId={s.studentId} name={s.name} current={s.extraToday} />
                      {reset.button(s.studentId, s.name, 'btn-ghost')}
                      <button
                        type="button"
                        className="btn-ghost"
                        disabled={remove.isPending}
                        onClick={() => {
                          if (window.confirm(t('dash.removeConfirm', { name: s.name })))
                            remove.mutate({ classId, studentId: s.studentId });
                        }}
                      >
                        {t('dash.remove')}
                        <span className="sr-only"> {s.name}</span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {rows.length === 0 && <p className="py-3 text-sm text-slate-500">{t('dash.noMatch')}</p>}
        </div>
      )}
    </section>
  );
}
