'use client';

import { createClassInput } from '@lumi/api/schemas';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { useI18n } from '../i18n/client';
import { toUiError } from '../lib/app-error';
import { useTRPC } from '../trpc/client';
import { ErrorNotice } from './error-notice';
import { formText } from '../lib/form-text';

/** The teacher minimum: create a class and hand out its join code. */
export function TeacherHome() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const classes = useQuery(trpc.classes.list.queryOptions());
  const create = useMutation(
    trpc.classes.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.classes.list.queryKey() }),
    }),
  );
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[] | undefined>>({});

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const budget = formText(data, 'dailyTokenBudget');
    const parsed = createClassInput.safeParse({
      name: data.get('name'),
      subject: formText(data, 'subject') || undefined,
      dailyTokenBudget: budget ? Number(budget) : undefined,
    });
    if (!parsed.success) {
      setFieldErrors(z.flattenError(parsed.error).fieldErrors);
      return;
    }
    setFieldErrors({});
    create.mutate(parsed.data, { onSuccess: () => form.reset() });
  }

  return (
    <main className="mx-auto w-full max-w-3xl space-y-6 px-4 py-6">
      <h1 className="text-2xl font-semibold">{t('teacher.title')}</h1>
      <section className="card" aria-live="polite">
        {classes.isPending && <p className="text-sm text-slate-500">{t('common.loading')}</p>}
        {classes.error && <ErrorNotice error={toUiError(classes.error)} onRetry={() => void classes.refetch()} />}
        {classes.data?.length === 0 && <p className="text-sm text-slate-500">{t('teacher.noClasses')}</p>}
        <ul className="divide-y divide-slate-100">
          {classes.data?.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
              <div>
                <p className="font-medium">{c.name}</p>
                <p className="text-xs text-slate-500">
                  {c.subject ? `${c.subject} · ` : ''}
                  {t('teacher.students', { count: c.studentCount })}
                </p>
              </div>
              <p className="text-sm">
                {t('teacher.joinCode')}:{' '}
                <code
                  className="rounded bg-indigo-50 px-2 py-1 font-mono text-base tracking-widest text-indigo-800"
                  data-testid="join-code"
                >
                  {c.joinCode}
                </code>
              </p>
            </li>
          ))}
        </ul>
      </section>
      <section className="card">
        <form onSubmit={submit} className="space-y-3" noValidate>
          <h2 className="text-lg font-semibold">{t('teacher.create')}</h2>
          <div className="grid gap-3 sm:grid-cols-3">
            {(
              [
                ['name', t('teacher.className'), 'text'],
                ['subject', t('teacher.subject'), 'text'],
                ['dailyTokenBudget', t('teacher.budget'), 'number'],
              ] as const
            ).map(([name, label, type]) => (
              <label key={name} className="block text-sm font-medium">
                {label}
                <input
                  name={name}
                  type={type}
                  min={type === 'number' ? 0 : undefined}
                  className="input mt-1"
                  aria-invalid={Boolean(fieldErrors[name])}
                />
                {fieldErrors[name]?.map((m) => (
                  <span key={m} className="field-error block">
                    {m}
                  </span>
                ))}
              </label>
            ))}
          </div>
          {create.error && <ErrorNotice error={toUiError(create.error)} />}
          <button type="submit" className="btn-primary" disabled={create.isPending}>
            {t('teacher.create')}
          </button>
        </form>
      </section>
    </main>
  );
}
