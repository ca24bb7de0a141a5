'use client';

import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useI18n } from '../../i18n/client';
import { toUiError } from '../../lib/app-error';
import { useTRPC } from '../../trpc/client';
import { ErrorNotice } from '../error-notice';
import { FlagCategories } from './flag-categories';
import { useFormat } from './format';
import { useAddressFilters } from './use-address-filters';

type Status = 'open' | 'reviewed' | 'all';

/** Moderation flags waiting for the teacher, with the message in context; mark reviewed or re-open. */
export function FlagQueue({ classId }: { classId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const format = useFormat();
  const queryClient = useQueryClient();
  // The status shown is in the address (`&status=`): Back from "Open in context" finds the same list.
  const [address, setAddress] = useAddressFilters(['status']);
  const status: Status = address.status === 'reviewed' || address.status === 'all' ? address.status : 'open';
  const flags = useInfiniteQuery(
    trpc.teacher.flags.infiniteQueryOptions({ classId, status }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const review = useMutation(
    trpc.teacher.reviewFlag.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: trpc.teacher.flags.pathKey() }),
          queryClient.invalidateQueries({ queryKey: trpc.teacher.roster.queryKey({ classId }) }),
        ]),
    }),
  );
  const items = flags.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section className="card space-y-3" aria-labelledby="flags-title">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="flags-title" className="text-lg font-semibold">
          {t('dash.tab.flags')}
        </h2>
        <div role="group" aria-label={t('dash.flagStatus')} className="flex gap-1">
          {(['open', 'reviewed', 'all'] as const).map((s) => (
            <button
              key={s}
              type="button"
              className="btn-secondary"
              aria-pressed={status === s}
              onClick={() => setAddress({ status: s === 'open' ? '' : s })}
            >
              {t(`dash.flags.${s}`)}
            </button>
          ))}
        </div>
      </div>
      {(flags.error ?? review.error) && <ErrorNotice error={toUiError(flags.error ?? review.error)} />}
      {flags.isPending && <p className="text-sm text-slate-500">{t('common.loading')}</p>}
      {flags.data && items.length === 0 && (
        <p className="text-sm text-slate-500">{status === 'open' ? t('dash.noOpenFlagsLong') : t('dash.noFlags')}</p>
      )}
      <ul className="space-y-3" aria-live="polite">
        {items.map((f) => (
          <li
            key={f.id}
            data-testid="flag"
            className={`rounded-lg border p-3 ${f.reviewedAt ? 'border-slate-200 bg-slate-50' : 'border-red-200 bg-red-50'}`}
          >
            <div className="flex flex-wrap items-start justify-between gap-2">
              <div className="space-y-1">
                <FlagCategories categories={f.categories} refused={f.refused} />
                <p className="text-xs text-slate-600">
                  {f.studentName} · {f.conversationTitle} · {format.dateTime(f.createdAt)}
                </p>
              </div>
              <div className="flex items-center gap-2">
                <Link
                  href={`/teacher/classes/${classId}/conversations/${f.conversationId}?m=${f.messageId}#m-${f.messageId}`}
                  className="btn-secondary"
                >
                  {t('dash.openInContext')}
                  <span className="sr-only"> {f.studentName}</span>
                </Link>
                <button
                  type="button"
                  className={f.reviewedAt ? 'btn-secondary' : 'btn-primary'}
                  disabled={review.isPending}
                  onClick={() => review.mutate({ flagId: f.id, reviewed: !f.reviewedAt })}
                >
                  {f.reviewedAt ? t('dash.reopen') : t('dash.markReviewed')}
                  <span className="sr-only"> {f.studentName}</span>
                </button>
              </div>
            </div>
            <blockquote className="mt-2 whitespace-pre-wrap break-words border-l-4 border-slate-300 pl-3 text-sm">
              {f.excerpt}
            </blockquote>
            {f.reviewedAt && (
              <p className="mt-2 text-xs text-slate-600">
                {t('dash.reviewedBy', { name: f.reviewedBy ?? '?', time: format.dateTime(f.reviewedAt) })}
              </p>
            )}
          </li>
        ))}
      </ul>
      {flags.hasNextPage && (
        <button type="button" className="btn-secondary" onClick={() => void flags.fetchNextPage()}>
          {t('chat.loadMore')}
        </button>
      )}
    </section>
  );
}
