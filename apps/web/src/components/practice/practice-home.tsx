'use client';

import { localize, type TargetLanguage } from '@lumi/chat-core/practice';
import { useMutation, useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useI18n } from '../../i18n/client';
import { localizeError, toUiError } from '../../lib/app-error';
import { useTRPC } from '../../trpc/client';
import { ErrorNotice } from '../error-notice';
import { AssignmentList } from './assignment-list';

/** The student's practice page: assignments, the library of roleplays and drills, and their own history. */
export function PracticeHome() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const library = useQuery(trpc.practice.library.queryOptions());
  const classes = useQuery(trpc.classes.list.queryOptions());
  const history = useQuery(trpc.practice.myAttempts.queryOptions());
  const start = useMutation(
    trpc.practice.start.mutationOptions({ onSuccess: (a) => router.push(`/practice/${a.id}`) }),
  );
  const [language, setLanguage] = useState<TargetLanguage>(locale === 'zh' ? 'en' : 'zh');
  const [classId, setClassId] = useState<string>('');
  const [feedback, setFeedback] = useState<'each_turn' | 'end_only'>('each_turn');
  const chosenClass = classId || classes.data?.[0]?.id || '';

  const begin = (id: string) =>
    start.mutate({ source: { kind: 'builtin', id }, classId: chosenClass || null, feedback });

  return (
    <main className="mx-auto w-full max-w-5xl space-y-6 px-4 py-6">
      <div>
        <h1 className="text-2xl font-semibold">{t('practice.title')}</h1>
        <p className="text-sm text-slate-600">{t('practice.intro')}</p>
      </div>

      <AssignmentList />

      <section className="card space-y-4" aria-labelledby="library-title">
        <div className="flex flex-wrap items-end gap-4">
          <h2 id="library-title" className="mr-auto text-lg font-semibold">
            {t('practice.roleplays')}
          </h2>
          <label className="text-sm">
            {t('practice.language')}
            <select
              className="input mt-1"
              value={language}
              onChange={(e) => setLanguage(e.target.value === 'en' ? 'en' : 'zh')}
            >
              <option value="en">{t('practice.lang.en')}</option>
              <option value="zh">{t('practice.lang.zh')}</option>
            </select>
          </label>
          <label className="text-sm">
            {t('practice.payFrom')}
            <select className="input mt-1" value={chosenClass} onChange={(e) => setClassId(e.target.value)}>
              {classes.data?.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
              <option value="">{t('practice.personal')}</option>
            </select>
          </label>
          <label className="text-sm">
            {t('practice.feedbackMode')}
            <select
              className="input mt-1"
              value={feedback}
              onChange={(e) => setFeedback(e.target.value === 'end_only' ? 'end_only' : 'each_turn')}
            >
              <option value="each_turn">{t('practice.feedback.each_turn')}</option>
              <option value="end_only">{t('practice.feedback.end_only')}</option>
            </select>
          </label>
        </div>
        {library.isPending && <p className="text-sm text-slate-500">{t('common.loading')}</p>}
        {library.error && <ErrorNotice error={toUiError(library.error)} onRetry={() => void library.refetch()} />}
        {start.error && <ErrorNotice error={localizeError(toUiError(start.error), t)} />}
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {library.data?.scenarios
            .filter((s) => s.targetLanguage === language)
            .map((s) => (
              <li
                key={s.id}
                className="flex flex-col rounded-lg border border-slate-200 p-3"
                data-testid={`scenario-${s.id}`}
              >
                <div className="flex items-center gap-2">
                  <h3 className="font-medium">{localize(s.title, locale)}</h3>
                  <span className="ml-auto rounded bg-indigo-100 px-1.5 text-xs text-indigo-800">{s.level}</span>
                </div>
                <p className="mt-1 flex-1 text-sm text-slate-600">{localize(s.brief, locale)}</p>
                <p className="mt-1 text-xs text-slate-500">{t('practice.turns', { count: s.turnLimit })}</p>
                <button
                  type="button"
                  className="btn-primary mt-2"
                  disabled={start.isPending}
                  onClick={() => begin(s.id)}
                >
                  {t('practice.start')}
                  <span className="sr-only">: {localize(s.title, locale)}</span>
                </button>
              </li>
            ))}
        </ul>
      </section>

      <section className="card space-y-3" aria-labelledby="drills-title">
        <h2 id="drills-title" className="text-lg font-semibold">
          {t('practice.drills')}
        </h2>
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {library.data?.drillSets.map((d) => (
            <li
              key={d.id}
              className="flex flex-col rounded-lg border border-slate-200 p-3"
              data-testid={`drill-${d.id}`}
            >
              <div className="flex items-center gap-2">
                <h3 className="font-medium">{localize(d.title, locale)}</h3>
                <span className="ml-auto rounded bg-indigo-100 px-1.5 text-xs text-indigo-800">{d.level}</span>
              </div>
              <p className="mt-1 flex-1 text-xs text-slate-500">
                {t(`practice.direction.${d.direction}`)} · {t('practice.sentences', { count: d.items.length })}
              </p>
              <button type="button" className="btn-primary mt-2" disabled={start.isPending} onClick={() => begin(d.id)}>
                {t('practice.start')}
                <span className="sr-only">: {localize(d.title, locale)}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>

      <section className="card space-y-3" aria-labelledby="history-title">
        <h2 id="history-title" className="text-lg font-semibold">
          {t('practice.history')}
        </h2>
        {history.data?.length === 0 && <p className="text-sm text-slate-500">{t('practice.noHistory')}</p>}
        <ul className="divide-y divide-slate-100">
          {history.data?.map((a) => (
            <li key={a.id}>
              <Link
                href={`/practice/${a.id}`}
                className="flex flex-wrap justify-between gap-2 px-1 py-2 text-sm hover:bg-slate-50"
              >
                <span className="font-medium">{a.title}</span>
                <span className="text-slate-500">
                  {t(`practice.status.${a.status}`)}
                  {a.estimatedLevel ? ` · ${a.estimatedLevel}` : ''}
                  {a.teacherScore !== null ? ` · ${t('practice.teacherGradeShort', { score: a.teacherScore })}` : ''}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </main>
  );
}
