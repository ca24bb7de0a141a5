'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/client';
import { toUiError } from '../../lib/app-error';
import { useTRPC, useTRPCClient } from '../../trpc/client';
import { ErrorNotice } from '../error-notice';
import { download } from '../teacher/download';
import { useFormat } from '../teacher/format';

/**
 * A student's data on request: find the student, download everything held about them as one JSON file, or delete
 * them. Both are written to the access log.
 */
export function StudentData() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const found = useQuery({ ...trpc.admin.findStudents.queryOptions({ query }), enabled: query.length >= 2 });
  const exporting = useMutation({
    mutationFn: async (studentId: string) => download(await client.admin.exportStudent.query({ studentId })),
  });
  const remove = useMutation(
    trpc.admin.deleteStudent.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.admin.findStudents.queryKey() }),
    }),
  );
  const [deletedName, setDeletedName] = useState('');

  function search(event: FormEvent) {
    event.preventDefault();
    setQuery(typed.trim());
  }

  return (
    <section className="card space-y-3" aria-labelledby="student-data-title">
      <h2 id="student-data-title" className="text-lg font-semibold">
        {t('admin.students.title')}
      </h2>
      <p className="text-sm text-slate-600">{t('admin.students.intro')}</p>
      <form onSubmit={search} className="flex flex-wrap items-end gap-2" role="search">
        <label className="text-sm font-medium">
          {t('admin.students.find')}
          <input
            type="search"
            className="input mt-1 block w-64 max-w-full"
            value={typed}
            minLength={2}
            onChange={(e) => setTyped(e.target.value)}
          />
        </label>
        <button type="submit" className="btn-secondary" disabled={typed.trim().length < 2}>
          {t('dash.searchButton')}
        </button>
      </form>
      {found.error && <ErrorNotice error={toUiError(found.error)} />}
      {found.data?.length === 0 && <p className="text-sm text-slate-500">{t('admin.students.none')}</p>}
      {found.data && found.data.length > 0 && (
        <ul className="divide-y divide-slate-100">
          {found.data.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center gap-3 py-2" data-testid="student-match">
              <div className="min-w-0 flex-1">
                <p className="font-medium">{s.name}</p>
                <p className="break-all text-xs text-slate-500">
                  {s.email} · {s.classes.join(', ') || t('admin.students.noClass')} ·{' '}
                  {t('admin.students.since', { when: format.dateTime(s.createdAt) })}
                </p>
              </div>
              <button
                type="button"
                className="btn-secondary"
                disabled={exporting.isPending}
                onClick={() => exporting.mutate(s.id)}
              >
                {t('admin.students.export')}
              </button>
              <button
                type="button"
                className="btn-secondary text-red-700"
                disabled={remove.isPending}
                onClick={() => {
                  if (!window.confirm(t('admin.students.deleteConfirm', { name: s.name }))) return;
                  setDeletedName(s.name);
                  remove.mutate({ studentId: s.id });
                }}
              >
                {t('admin.students.delete')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {exporting.error && <ErrorNotice error={toUiError(exporting.error)} />}
      {remove.error && <ErrorNotice error={toUiError(remove.error)} />}
      <p role="status" className="text-sm text-emerald-700">
        {remove.data &&
          t('admin.students.deleted', {
            name: deletedName,
            sessions: format.tokens(remove.data.conversations),
            messages: format.tokens(remove.data.messages),
            usage: format.tokens(remove.data.usage),
          })}
      </p>
    </section>
  );
}
