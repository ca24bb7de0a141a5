'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/client';
import { toUiError } from '../../lib/app-error';
import { useTRPC } from '../../trpc/client';
import { ErrorNotice } from '../error-notice';
import { useFormat } from './format';
import { Highlighted } from './highlighted';
import { sessionTitle } from '../../lib/session-title';
import { useAddressFilters } from './use-address-filters';

/**
 * Search every message of the class's sessions, in English or Chinese; each hit opens the transcript at it. The
 * query is in the address (`&q=`), so Back from a transcript finds the results again.
 */
export function ClassSearch({ classId }: { classId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const format = useFormat();
  const [address, setAddress] = useAddressFilters(['q']);
  const query = address.q.trim().slice(0, 100);
  const [draft, setDraft] = useState(query);
  const results = useInfiniteQuery(
    trpc.teacher.search.infiniteQueryOptions(
      { classId, query },
      { enabled: query.length > 0, getNextPageParam: (page) => page.nextCursor, retry: false },
    ),
  );
  const items = results.data?.pages.flatMap((p) => p.items) ?? [];

  function submit(event: FormEvent) {
    event.preventDefault();
    setAddress({ q: draft.trim() });
  }

  return (
    <section className="card space-y-3" aria-labelledby="search-title">
      <h2 id="search-title" className="text-lg font-semibold">
        {t('dash.tab.search')}
      </h2>
      <form role="search" onSubmit={submit} className="flex gap-2">
        <label className="flex-1">
          <span className="sr-only">{t('dash.searchLabel')}</span>
          <input
            type="search"
            className="input"
            placeholder={t('dash.searchPlaceholder')}
            value={draft}
            maxLength={100}
            onChange={(e) => setDraft(e.target.value)}
          />
        </label>
        <button type="submit" className="btn-primary">
          {t('dash.searchButton')}
        </button>
      </form>
      {results.error && <ErrorNotice error={toUiError(results.error)} />}
      {results.isFetching && !results.isFetchingNextPage && (
        <p className="text-sm text-slate-500">{t('common.loading')}</p>
      )}
      {query && results.data && items.length === 0 && (
        <p className="text-sm text-slate-500">{t('dash.noResults', { query })}</p>
      )}
      <ol className="divide-y divide-slate-100" aria-live="polite">
        {items.map((m) => (
          <li key={m.id} className="py-3" data-testid="search-result">
            <Link
              href={`/teacher/classes/${classId}/conversations/${m.conversationId}?m=${m.id}&q=${encodeURIComponent(query)}#m-${m.id}`}
              className="block rounded hover:bg-slate-50"
            >
              <p className="text-xs text-slate-500">
                {m.studentName} · {sessionTitle(m.title, t)} · {m.role === 'USER' ? t('dash.student') : t('chat.tutor')}{' '}
                · {format.dateTime(m.createdAt)}
              </p>
              <p className="mt-1 whitespace-pre-wrap break-words text-sm">
                <Highlighted snippet={m.snippet} />
              </p>
            </Link>
          </li>
        ))}
      </ol>
      {results.hasNextPage && (
        <button
          type="button"
          className="btn-secondary"
          disabled={results.isFetchingNextPage}
          onClick={() => void results.fetchNextPage()}
        >
          {t('chat.loadMore')}
        </button>
      )}
    </section>
  );
}
