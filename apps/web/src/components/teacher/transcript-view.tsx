'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useMemo } from 'react';
import { useI18n } from '../../i18n/client';
import type { MessageKey } from '../../i18n/en';
import { localizeError, toUiError } from '../../lib/app-error';
import { useTRPC } from '../../trpc/client';
import { Markdown } from '../chat/markdown';
import { ErrorNotice } from '../error-notice';
import { FlagCategories } from './flag-categories';
import { useFormat } from './format';
import { rehypeMarkTerms, splitMarked, termPattern } from './mark-terms';
import { sessionTitle } from '../../lib/session-title';

/**
 * A class session read-only, as the teacher reads it: every message with its tokens, cost, model and status, edits
 * that were replaced, and flags in place. Opening it is logged, so it is fetched once per visit.
 */
export function TranscriptView({
  classId,
  conversationId,
  highlightMessageId,
  searched,
}: {
  classId: string;
  conversationId: string;
  highlightMessageId?: string;
  /** The search that led here: its words are marked in the message it found. */
  searched?: string;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const format = useFormat();
  const queryClient = useQueryClient();
  const transcript = useQuery({
    ...trpc.teacher.transcript.queryOptions({ conversationId }),
    staleTime: Infinity,
    retry: false,
  });
  const review = useMutation(
    trpc.teacher.reviewFlag.mutationOptions({
      // Patched in place: fetching the transcript again would log a second reading.
      onSuccess: (flag) =>
        queryClient.setQueryData(
          trpc.teacher.transcript.queryKey({ conversationId }),
          (old) =>
            old && {
              ...old,
              messages: old.messages.map((m) => ({
                ...m,
                flags: m.flags.map((f) => (f.id === flag.id ? { ...f, ...flag } : f)),
              })),
            },
        ),
    }),
  );

  const pattern = useMemo(() => termPattern(searched), [searched]);
  const markPlugin = useMemo(() => (pattern ? rehypeMarkTerms(pattern) : undefined), [pattern]);

  useEffect(() => {
    if (!transcript.data || !highlightMessageId) return;
    document.getElementById(`m-${highlightMessageId}`)?.scrollIntoView({ block: 'center' });
  }, [transcript.data, highlightMessageId]);

  const data = transcript.data;
  return (
    <main className="mx-auto w-full max-w-4xl space-y-4 px-4 py-6">
      <nav aria-label={t('dash.breadcrumb')} className="text-sm">
        <Link href={`/teacher/classes/${classId}?tab=conversations`} className="text-indigo-700 hover:underline">
          ← {data?.class.name ?? t('dash.tab.conversations')}
        </Link>
      </nav>
      {transcript.isPending && <p className="text-sm text-slate-500">{t('common.loading')}</p>}
      {transcript.error && <ErrorNotice error={localizeError(toUiError(transcript.error), t)} />}
      {data && (
        <>
          <header className="card space-y-1">
            <h1 className="text-xl font-semibold">{sessionTitle(data.title, t)}</h1>
            <p className="text-sm text-slate-600">
              {data.student.name} · {t(`mode.${data.mode}` as MessageKey)} · {data.model}
              {data.deletedByStudent && ` · ${t('dash.deletedByStudent')}`}
            </p>
            <p className="text-sm" data-testid="transcript-totals">
              {t('dash.transcriptTotals', {
                tokens: format.tokens(data.totals.tokens),
                cost: format.cost(data.totals.costMicros),
              })}
            </p>
            {data.persona && <p className="text-xs text-slate-500">{t('dash.persona', { persona: data.persona })}</p>}
            <p className="text-xs text-slate-500">{t('dash.readOnly')}</p>
          </header>
          <ol className="space-y-3">
            {data.messages.map((m) => {
              const target = m.id === highlightMessageId;
              const status: MessageKey | null = m.supersededAt
                ? 'dash.superseded'
                : m.status === 'STOPPED'
                  ? 'chat.stopped'
                  : m.status === 'ERROR'
                    ? 'chat.incomplete'
                    : m.status === 'STREAMING'
                      ? 'dash.streaming'
                      : null;
              return (
                <li
                  key={m.id}
                  id={`m-${m.id}`}
                  data-role={m.role}
                  data-testid="transcript-message"
                  className={`scroll-mt-24 rounded-xl border p-3 ${m.role === 'USER' ? 'border-indigo-200 bg-indigo-50' : 'border-slate-200 bg-white'} ${
                    target ? 'ring-2 ring-amber-400' : ''
                  } ${m.supersededAt ? 'opacity-60' : ''}`}
                  aria-current={target ? 'true' : undefined}
                >
                  <p className="mb-1 flex flex-wrap items-center gap-2 text-xs text-slate-500">
                    <span className="font-medium text-slate-700">
                      {m.role === 'USER' ? data.student.name : t('chat.tutor')}
                    </span>
                    <time dateTime={new Date(m.createdAt).toISOString()}>{format.dateTime(m.createdAt)}</time>
                    {status && <span className="rounded bg-amber-100 px-1.5 py-0.5 text-amber-800">{t(status)}</span>}
                    {m.errorCode && <code className="text-red-700">{m.errorCode}</code>}
                  </p>
                  {m.content ? (
                    m.role === 'USER' ? (
                      <p className="whitespace-pre-wrap break-words text-sm">
                        {splitMarked(m.content, target ? pattern : null).map((part, i) =>
                          part.match ? <mark key={i}>{part.text}</mark> : part.text,
                        )}
                      </p>
                    ) : (
                      <Markdown text={m.content} mark={target ? markPlugin : undefined} />
                    )
                  ) : (
                    <p className="text-sm text-slate-500">{t(m.redactedAt ? 'dash.redacted' : 'dash.noText')}</p>
                  )}
                  <p className="mt-1 text-xs text-slate-500 tabular-nums">
                    {m.model ? `${m.model} · ` : ''}
                    {t('dash.messageTokens', { tokens: format.tokens(m.tokenCount) })}
                    {m.usage &&
                      ` · ${t('dash.replyUsage', {
                        prompt: format.tokens(m.usage.promptTokens),
                        completion: format.tokens(m.usage.completionTokens),
                        cost: format.cost(m.usage.costMicros),
                      })}`}
                  </p>
                  {m.flags.map((f) => (
                    <div
                      key={f.id}
                      className="mt-2 flex flex-wrap items-center gap-2 rounded-lg border border-red-200 bg-red-50 p-2"
                      data-testid="transcript-flag"
                    >
                      <FlagCategories categories={f.categories} refused={f.refused} />
                      <span className="text-xs text-slate-600">
                        {f.reviewedAt
                          ? t('dash.reviewedBy', { name: f.reviewedBy ?? '?', time: format.dateTime(f.reviewedAt) })
                          : t('dash.notReviewed')}
                      </span>
                      <button
                        type="button"
                        className="btn-secondary ml-auto"
                        disabled={review.isPending}
                        onClick={() => review.mutate({ flagId: f.id, reviewed: !f.reviewedAt })}
                      >
                        {f.reviewedAt ? t('dash.reopen') : t('dash.markReviewed')}
                      </button>
                    </div>
                  ))}
                </li>
              );
            })}
          </ol>
        </>
      )}
    </main>
  );
}
