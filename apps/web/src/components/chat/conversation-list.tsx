'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useDeferredValue, useState } from 'react';
import { useI18n } from '../../i18n/client';
import { useTRPC } from '../../trpc/client';

/** The student's sessions: search, open, rename, delete. */
export function ConversationList({ activeId }: { activeId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search.trim());
  const list = useQuery(trpc.conversations.list.queryOptions({ search: deferred || undefined, limit: 50 }));
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.conversations.pathKey() });
  const rename = useMutation(trpc.conversations.rename.mutationOptions({ onSuccess: invalidate }));
  const remove = useMutation(trpc.conversations.delete.mutationOptions({ onSuccess: invalidate }));
  const [renaming, setRenaming] = useState<string | null>(null);

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
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('chat.search')} className="input" />
      </label>
      {list.isPending && <p className="text-sm text-slate-500">{t('common.loading')}</p>}
      {list.data?.items.length === 0 && <p className="text-sm text-slate-500">{t('chat.noMatches')}</p>}
      <ul className="min-h-0 flex-1 space-y-1 overflow-y-auto">
        {list.data?.items.map((c) => (
          <li key={c.id} className={`group rounded-lg ${c.id === activeId ? 'bg-indigo-50' : 'hover:bg-slate-100'}`}>
            {renaming === c.id ? (
              <form
                className="flex gap-1 p-1"
                onSubmit={(e) => {
                  e.preventDefault();
                  const title = String(new FormData(e.currentTarget).get('title') ?? '').trim();
                  if (title) rename.mutate({ conversationId: c.id, title });
                  setRenaming(null);
                }}
              >
                <label className="flex-1">
                  <span className="sr-only">{t('chat.renameLabel')}</span>
                  <input name="title" defaultValue={c.title} className="input py-1" autoFocus maxLength={120} />
                </label>
                <button type="submit" className="btn-secondary">
                  {t('common.save')}
                </button>
              </form>
            ) : (
              <div className="flex items-center">
                <Link href={`/chat/${c.id}`} className="flex-1 truncate px-3 py-2 text-sm" aria-current={c.id === activeId ? 'page' : undefined}>
                  {c.title}
                  <span className="block text-xs text-slate-500">{t(`mode.${c.mode}`)}</span>
                </Link>
                <button type="button" className="btn-ghost" onClick={() => setRenaming(c.id)}>
                  {t('chat.rename')}
                </button>
                <button type="button" className="btn-ghost" onClick={() => void onDelete(c.id)}>
                  {t('chat.delete')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
