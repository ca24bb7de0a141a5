'use client';

import { joinClassInput } from '@lumi/api/schemas';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/client';
import { clockTime, fieldText, toUiError } from '../lib/app-error';
import { sessionTitle } from '../lib/session-title';
import { useTRPC } from '../trpc/client';
import { ErrorNotice } from './error-notice';
import { NewSessionForm } from './new-session-form';
import { AssignmentList } from './practice/assignment-list';
import { UsageChart } from './usage-chart';

/** The student's start page: classes, today's budget per class, recent sessions, and a new session. */
export function StudentHome({ name }: { name: string }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const classes = useQuery(trpc.classes.list.queryOptions());
  const budgets = useQuery(trpc.usage.today.queryOptions());
  const sessions = useQuery(trpc.conversations.list.queryOptions({ limit: 10 }));
  const join = useMutation(
    trpc.classes.join.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.classes.list.queryKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.usage.today.queryKey() }),
        ]),
    }),
  );
  const [joinError, setJoinError] = useState<string | null>(null);
  const fmt = new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en');

  function submitJoin(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const parsed = joinClassInput.safeParse({ joinCode: new FormData(form).get('joinCode') });
    setJoinError(parsed.success ? null : (parsed.error.issues[0]?.message ?? null));
    if (parsed.success) join.mutate(parsed.data, { onSuccess: () => form.reset() });
  }

  return (
    <main className="mx-auto w-full max-w-4xl space-y-6 px-4 py-6">
      <h1 className="text-2xl font-semibold">{t('home.title', { name })}</h1>
      {/* First, so a new session is one tap away on a phone too. */}
      <section className="card">
        <NewSessionForm />
      </section>
      <p className="rounded-lg bg-amber-50 px-4 py-2 text-sm text-amber-800">{t('home.teacherNote')}</p>

      <AssignmentList compact />

      <div className="grid gap-6 md:grid-cols-2">
        <section className="card space-y-3" aria-labelledby="classes-title">
          <h2 id="classes-title" className="text-lg font-semibold">
            {t('home.classes')}
          </h2>
          {classes.isPending && <p className="text-sm text-slate-500">{t('common.loading')}</p>}
          {classes.error && <ErrorNotice error={toUiError(classes.error)} onRetry={() => void classes.refetch()} />}
          {classes.data?.length === 0 && <p className="text-sm text-slate-500">{t('home.noClasses')}</p>}
          <ul className="space-y-1 text-sm">
            {classes.data?.map((c) => (
              <li key={c.id}>
                <span className="font-medium">{c.name}</span> <span className="text-slate-500">· {c.teacherName}</span>
              </li>
            ))}
          </ul>
          <form onSubmit={submitJoin} className="flex items-start gap-2" noValidate>
            <label className="flex-1 text-sm">
              <span className="sr-only">{t('home.joinClass')}</span>
              <input name="joinCode" placeholder={t('home.joinClass')} className="input" autoCapitalize="characters" />
              {joinError && <span className="field-error block">{fieldText(joinError, t)}</span>}
            </label>
            <button type="submit" className="btn-secondary" disabled={join.isPending}>
              {t('home.join')}
            </button>
          </form>
          {join.error && <ErrorNotice error={toUiError(join.error)} />}
        </section>

        <section className="card space-y-3" aria-labelledby="budget-title">
          <h2 id="budget-title" className="text-lg font-semibold">
            {t('home.budget')}
          </h2>
          {budgets.isPending && <p className="text-sm text-slate-500">{t('common.loading')}</p>}
          {budgets.error && <ErrorNotice error={toUiError(budgets.error)} onRetry={() => void budgets.refetch()} />}
          <ul className="space-y-3 text-sm">
            {budgets.data?.map((b) => (
              <li key={b.classId ?? 'personal'}>
                <div className="flex justify-between">
                  <span className="font-medium">{b.className ?? t('home.personal')}</span>
                  <span>
                    {t('home.budgetLeft', { left: fmt.format(b.left), budget: fmt.format(b.budget) })}
                    {b.extra > 0 && (
                      <span className="ml-2 font-medium text-emerald-700" data-testid="extra-today">
                        {t('home.extraToday', { extra: fmt.format(b.extra) })}
                      </span>
                    )}
                  </span>
                </div>
                <div className="mt-1 h-2 rounded bg-slate-200" role="presentation">
                  <div
                    className="h-2 rounded bg-indigo-500"
                    style={{ width: `${b.budget + b.extra ? (100 * b.left) / (b.budget + b.extra) : 0}%` }}
                  />
                </div>
                <p className="mt-0.5 text-xs text-slate-500">
                  {t('common.resetsAt', { time: clockTime(new Date(b.resetAt).toISOString(), locale) })}
                </p>
              </li>
            ))}
          </ul>
        </section>
      </div>

      <UsageChart />

      <section className="card space-y-3" aria-labelledby="sessions-title">
        <h2 id="sessions-title" className="text-lg font-semibold">
          {t('home.sessions')}
        </h2>
        {sessions.isPending && <p className="text-sm text-slate-500">{t('common.loading')}</p>}
        {sessions.error && <ErrorNotice error={toUiError(sessions.error)} onRetry={() => void sessions.refetch()} />}
        {sessions.data?.items.length === 0 && <p className="text-sm text-slate-500">{t('home.noSessions')}</p>}
        <ul className="divide-y divide-slate-100">
          {sessions.data?.items.map((s) => (
            <li key={s.id}>
              <Link href={`/chat/${s.id}`} className="flex justify-between px-1 py-2 text-sm hover:bg-slate-50">
                <span className="font-medium">{sessionTitle(s.title, t)}</span>
                <span className="text-slate-500">{t(`mode.${s.mode}`)}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
