'use client';

import { drillLanguages, localize, type DrillSet } from '@lumi/chat-core/practice';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/client';
import { localizeError, toUiError } from '../../lib/app-error';
import { useTRPC } from '../../trpc/client';
import { ErrorNotice } from '../error-notice';
import type { AttemptData } from './attempt-data';
import { MarkedText } from './correction-card';

type Answer = AttemptData['answers'][number];

/** A graded translation: score, the errors marked in the learner's words, a better version, what else is accepted. */
function AnswerResult({ answer }: { answer: Answer }) {
  const { t } = useI18n();
  if (answer.status === 'UNAVAILABLE') {
    return (
      <div
        className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800"
        data-testid="drill-result"
        data-state="unavailable"
      >
        {t('practice.card.unavailable')}
      </div>
    );
  }
  if (answer.status === 'PENDING') return <p className="text-sm text-slate-500">{t('practice.card.checking')}</p>;
  const good = (answer.score ?? 0) >= 80;
  return (
    <div
      className={`space-y-1 rounded-lg border px-3 py-2 text-sm ${good ? 'border-emerald-200 bg-emerald-50' : 'border-rose-200 bg-white'}`}
      data-testid="drill-result"
      data-state={good ? 'accepted' : 'errors'}
    >
      <p className="font-semibold">
        {t('practice.drill.score', { score: answer.score ?? 0 })}
        {answer.gradedBy === 'EXACT' && <span className="ml-2 font-normal">{t('practice.drill.exact')}</span>}
        {answer.gradedBy === 'NEAR' && <span className="ml-2 font-normal">{t('practice.drill.near')}</span>}
      </p>
      <p>
        <MarkedText text={answer.answer} corrections={answer.corrections} />
      </p>
      {answer.corrections.map((c, i) => (
        <p key={i} className="text-xs text-slate-700">
          {t(`practice.error.${c.type}`)}: <del>{c.original}</del> → <ins className="no-underline">{c.replacement}</ins>{' '}
          {c.explanation}
        </p>
      ))}
      {answer.better && answer.gradedBy !== 'EXACT' && (
        <p>
          <span className="font-medium">{t('practice.drill.better')}: </span>
          {answer.better}
        </p>
      )}
      {answer.alternatives.length > 0 && (
        <p className="text-slate-600">
          <span className="font-medium">{t('practice.drill.alternatives')}: </span>
          {answer.alternatives.join(' · ')}
        </p>
      )}
      {answer.comment && <p className="text-slate-600">{answer.comment}</p>}
    </div>
  );
}

/** A translation drill, sentence by sentence, closed by a summary. */
export function DrillScreen({
  attempt,
  drill,
  readOnly,
}: {
  attempt: AttemptData;
  drill: DrillSet;
  readOnly: boolean;
}) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const answer = useMutation(
    trpc.practice.answer.mutationOptions({
      onSuccess: (data) => queryClient.setQueryData(trpc.practice.attempt.queryKey({ attemptId: attempt.id }), data),
    }),
  );
  const [text, setText] = useState('');
  const answered = new Map(attempt.answers.map((a) => [a.itemIndex, a]));
  const nextIndex = drill.items.findIndex((_, i) => !answered.has(i));
  // The sentence on screen: the one just answered stays until the learner moves on.
  const [shown, setShown] = useState<number | null>(null);
  const current = shown ?? (nextIndex >= 0 ? nextIndex : null);
  const item = current === null ? null : drill.items[current];
  const result = current === null ? undefined : answered.get(current);
  const { target } = drillLanguages(drill.direction);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (current === null || !text.trim()) return;
    setShown(current);
    answer.mutate({ attemptId: attempt.id, itemIndex: current, answer: text }, { onSuccess: () => setText('') });
  }

  return (
    <main className="mx-auto w-full max-w-3xl space-y-4 px-4 py-6">
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">{localize(drill.title, locale)}</h1>
        <span className="rounded bg-indigo-100 px-2 py-0.5 text-xs font-medium text-indigo-800">{drill.level}</span>
        <span className="text-sm text-slate-500">{t(`practice.direction.${drill.direction}`)}</span>
      </header>
      {readOnly && (
        <p className="rounded-lg bg-amber-50 px-3 py-1 text-sm text-amber-800">
          {t('practice.teacherView', { name: attempt.studentName })}
        </p>
      )}
      <div
        className="h-2 rounded bg-slate-200"
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={drill.items.length}
        aria-valuenow={answered.size}
      >
        <div
          className="h-2 rounded bg-indigo-500"
          style={{ width: `${(100 * answered.size) / drill.items.length}%` }}
        />
      </div>

      {item && current !== null && !readOnly && (attempt.status === 'IN_PROGRESS' || result !== undefined) && (
        <section className="card space-y-3" aria-labelledby="drill-sentence">
          <p className="text-sm text-slate-500">
            {t('practice.drill.sentence', { n: current + 1, total: drill.items.length })}
          </p>
          <p id="drill-sentence" className="text-lg" lang={drill.direction === 'zh-en' ? 'zh-CN' : 'en'}>
            {item.source}
          </p>
          {result ? (
            <>
              <AnswerResult answer={result} />
              {nextIndex >= 0 && (
                <button type="button" className="btn-primary" onClick={() => setShown(null)}>
                  {t('practice.drill.next')}
                </button>
              )}
            </>
          ) : (
            <form onSubmit={submit} className="space-y-2">
              <label className="block text-sm font-medium">
                {t('practice.drill.translate', { language: t(`practice.lang.${target}`) })}
                <textarea
                  className="input mt-1"
                  rows={2}
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                  aria-label={t('practice.drill.answerLabel')}
                  lang={target === 'zh' ? 'zh-CN' : 'en'}
                />
              </label>
              {answer.error && <ErrorNotice error={localizeError(toUiError(answer.error), t)} />}
              <button type="submit" className="btn-primary" disabled={answer.isPending || !text.trim()}>
                {answer.isPending ? t('practice.card.checking') : t('practice.drill.check')}
              </button>
            </form>
          )}
        </section>
      )}

      {(attempt.summary || readOnly) && (
        <section className="card space-y-3" aria-labelledby="summary-title" data-testid="drill-summary">
          <h2 id="summary-title" className="text-lg font-semibold">
            {t('practice.drill.summary')}
          </h2>
          {attempt.summary && (
            <>
              <p className="text-3xl font-semibold tabular-nums">
                {attempt.summary.average ?? '–'}
                <span className="ml-2 text-sm font-normal text-slate-500">{t('practice.drill.average')}</span>
              </p>
              <p>
                {t('practice.drill.accepted', { accepted: attempt.summary.accepted, total: attempt.summary.total })}
              </p>
              {attempt.summary.errorTypes.length > 0 && (
                <p className="text-sm">
                  {t('practice.drill.errorTypes')}:{' '}
                  {attempt.summary.errorTypes.map((e) => `${t(`practice.error.${e.type}`)} × ${e.count}`).join(', ')}
                </p>
              )}
            </>
          )}
          <ol className="space-y-2">
            {drill.items.map((it, i) => {
              const a = answered.get(i);
              return (
                <li key={i} className="text-sm">
                  <p className="text-slate-600">
                    {i + 1}. {it.source}
                    {attempt.summary?.retry.includes(i) && (
                      <span className="ml-2 rounded bg-amber-100 px-1.5 text-xs text-amber-800">
                        {t('practice.drill.retry')}
                      </span>
                    )}
                  </p>
                  {a && <AnswerResult answer={a} />}
                </li>
              );
            })}
          </ol>
        </section>
      )}
    </main>
  );
}
