'use client';

import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useDeferredValue, useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/client';
import { useTRPC } from '../../trpc/client';
import { formText } from '../../lib/form-text';
import { sessionTitle } from '../../lib/session-title';

const PAGE_SIZE = 50;

/** The student's sessions: search, page through, open, rename, delete. */
export function ConversationList({ activeId }: { activeId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search.trim());
  const list = useInfiniteQuery(
    trpc.conversations.list.infiniteQueryOptions(
      { search: deferred || undefined, limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const items = list.data?.pages.flatMap((page) => page.items);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.conversations.pathKey() });
  const rename = useMutation(trpc.conversations.rename.mutationOptions({ onSuccess: invalidate }));
  const remove = useMutation(trpc.conversations.delete.mutationOptions({ onSuccess: invalidate }));
  const [renaming, setRenaming] = useState<string | null>(null);

  // After "Load more", focus moves to the first session it loaded, so keyboard users carry on from there.
  const listRef = useRef<HTMLUListElement>(null);
  const focusFrom = useRef<number | null>(null);
  const count = items?.length ?? 0;
  useEffect(() => {
    if (focusFrom.current === null || count <= focusFrom.current) return;
    listRef.current?.children[focusFrom.current]?.querySelector('a')?.focus();
    focusFrom.current = null;
  }, [count]);

  function loadMore() {
    if (list.isFetchingNextPage) return;
    focusFrom.current = count;
    void list.fetchNextPage().then((result) => {
      if (result.isError) focusFrom.current = null;
    });
  }

  async function onDelete(id: string) {
    if (!window.confirm(t('chat.deleteConfirm'))) return;
    await remove.mutateAsync({ conversationId: id });
    if (id === activeId) router.push('/home');
  }

  return (
    <nav aria-label={t('chat.sessions')} className="flex min-h-0 flex-1 flex-col gap-2">
      <Link href="/home" className="btn-primary">
        + {t('chat.newSession')}
      </Link>
      <label>
        <span className="sr-only">{t('chat.search')}</span>
        <input
          type="search"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            focusFrom.current = null; // a new search is not the list "Load more" was extending
          }}
          placeholder={t('chat.search')}
          className="input"
        />
      </label>
      {list.isPending && <p className="text-sm text-slate-500">{t('common.loading')}</p>}
      {items?.length === 0 && <p className="text-sm text-slate-500">{t('chat.noMatches')}</p>}
      <ul ref={listRef} className="min-h-0 flex-1 space-y-1 overflow-y-auto">
        {items?.map((c) => (
          <li
            key={c.id}
            className={`group relative rounded-lg ${c.id === activeId ? 'bg-indigo-50' : 'hover:bg-slate-100'}`}
          >
            {renaming === c.id ? (
              <form
                className="flex gap-1 p-1"
                onSubmit={(e) => {
                  e.preventDefault();
                  const title = formText(new FormData(e.currentTarget), 'title').trim();
                  if (title) rename.mutate({ conversationId: c.id, title });
                  setRenaming(null);
                }}
              >
                <label className="flex-1">
                  <span className="sr-only">{t('chat.renameLabel')}</span>
                  <input
                    name="title"
                    defaultValue={sessionTitle(c.title, t)}
                    className="input py-1"
                    autoFocus
                    maxLength={120}
                  />
                </label>
                <button type="submit" className="btn-secondary">
                  {t('common.save')}
                </button>
              </form>
            ) : (
              <>
                <Link
                  href={`/chat/${c.id}`}
                  className="block px-3 py-2 text-sm"
                  aria-current={c.id === activeId ? 'page' : undefined}
                >
                  <span className="block truncate" data-testid="session-title">
                    {sessionTitle(c.title, t)}
                  </span>
                  <span className="block text-xs text-slate-500">{t(`mode.${c.mode}`)}</span>
                </Link>
                {/* Shown on hover or keyboard focus (see .row-actions); always in the tab order, named with the title. */}
                <div className="row-actions">
                  <button
                    type="button"
                    className="btn-ghost bg-white/90"
                    aria-label={t('chat.renameSession', { title: sessionTitle(c.title, t) })}
                    onClick={() => setRenaming(c.id)}
                  >
                    {t('chat.rename')}
                  </button>
                  <button
                    type="button"
                    className="btn-ghost bg-white/90"
                    aria-label={t('chat.deleteSession', { title: sessionTitle(c.title, t) })}
                    onClick={() => void onDelete(c.id)}
                  >
                    {t('chat.delete')}
                  </button>
                </div>
              </>
            )}
          </li>
        ))}
      </ul>
      {list.hasNextPage && (
        // Stays focusable while loading (aria-disabled, not disabled), so the keyboard focus is never dropped.
        <button
          type="button"
          className="btn-secondary aria-disabled:cursor-wait aria-disabled:opacity-50"
          onClick={loadMore}
          aria-disabled={list.isFetchingNextPage}
        >
          {list.isFetchingNextPage ? t('common.loading') : t('chat.loadMore')}
        </button>
      )}
    </nav>
  );
}
