'use client';

import { createClassInput } from '@lumi/api/schemas';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { useI18n } from '../i18n/client';
import { fieldText, toUiError } from '../lib/app-error';
import { useTRPC } from '../trpc/client';
import { ErrorNotice } from './error-notice';
import { formText } from '../lib/form-text';
import { ApprovalNotice } from './teacher/approval-notice';
import { ClassOverview } from './teacher/class-overview';

/** The teacher's start page: every class at a glance, and a new class; for an admin, the way to the school's settings. */
export function TeacherHome({ isAdmin }: { isAdmin: boolean }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const create = useMutation(
    trpc.classes.create.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.teacher.overview.queryKey() }),
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
    <main className="mx-auto w-full max-w-5xl space-y-6 px-4 py-6">
      {isAdmin && (
        <p className="text-sm">
          <Link href="/admin" className="text-indigo-700 underline">
            {t('admin.link')}
          </Link>
        </p>
      )}
      <ApprovalNotice />
      <ClassOverview isAdmin={isAdmin} />
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
                    {fieldText(m, t)}
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
