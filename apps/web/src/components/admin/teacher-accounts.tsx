'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@lumi/api';
import { useI18n } from '../../i18n/client';
import { toUiError } from '../../lib/app-error';
import { useTRPC } from '../../trpc/client';
import { ErrorNotice } from '../error-notice';
import { useResetCode } from '../reset-code-notice';
import { useFormat } from '../teacher/format';
import { UsdField, usdText, usdValue } from './usd-field';

type Teacher = inferRouterOutputs<AppRouter>['admin']['teachers'][number];

/**
 * Teacher accounts: anyone may sign up as a teacher, so new ones wait here for approval before they create classes.
 * The admin approves, disables (signed out everywhere; their classes stop spending) or enables again, may give a
 * teacher caps of their own, and gives a teacher who forgot their password a one-time reset code.
 */
export function TeacherAccounts() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const teachers = useQuery(trpc.admin.teachers.queryOptions());

  return (
    <section className="card space-y-3" aria-labelledby="teachers-title">
      <h2 id="teachers-title" className="text-lg font-semibold">
        {t('admin.teachers.title')}
      </h2>
      <p className="text-sm text-slate-600">{t('admin.teachers.intro')}</p>
      {teachers.isPending && <p className="text-sm text-slate-500">{t('common.loading')}</p>}
      {teachers.error && <ErrorNotice error={toUiError(teachers.error)} />}
      {teachers.data?.length === 0 && <p className="text-sm text-slate-600">{t('admin.teachers.none')}</p>}
      {teachers.data && teachers.data.length > 0 && (
        <ul className="divide-y divide-slate-200">
          {teachers.data.map((teacher) => (
            <TeacherRow key={teacher.id} teacher={teacher} />
          ))}
        </ul>
      )}
    </section>
  );
}

function TeacherRow({ teacher }: { teacher: Teacher }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<{ day: string; month: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.admin.teachers.queryKey() });
  const approve = useMutation(trpc.admin.approveTeacher.mutationOptions({ onSuccess: refresh }));
  const disable = useMutation(trpc.admin.setTeacherDisabled.mutationOptions({ onSuccess: refresh }));
  const caps = useMutation(
    trpc.admin.setTeacherCaps.mutationOptions({ onSuccess: () => (setSaved(true), setDraft(null), refresh()) }),
  );
  const reset = useResetCode();
  const form = draft ?? { day: usdText(teacher.dayCapUsd), month: usdText(teacher.monthCapUsd) };
  const fieldErrors = toUiError(caps.error).fieldErrors ?? {};
  const error =
    approve.error ?? disable.error ?? reset.error ?? (Object.keys(fieldErrors).length === 0 ? caps.error : null);

  function saveCaps(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    caps.mutate({ teacherId: teacher.id, dayUsd: usdValue(form.day), monthUsd: usdValue(form.month) });
  }

  const status = {
    PENDING: ['admin.teachers.pending', 'bg-amber-100 text-amber-900'],
    APPROVED: ['admin.teachers.approved', 'bg-emerald-100 text-emerald-900'],
    DISABLED: ['admin.teachers.disabled', 'bg-slate-200 text-slate-700'],
  } as const;
  const [statusKey, statusClass] = status[teacher.status];

  return (
    <li className="space-y-2 py-3" data-testid="teacher-row">
      <div className="flex flex-wrap items-center gap-3">
        <p className="min-w-48 flex-1">
          <span className="font-medium">{teacher.name}</span>{' '}
          <span className="text-sm text-slate-600">{teacher.email}</span>
        </p>
        <span className={`rounded px-2 py-0.5 text-xs font-medium ${statusClass}`}>{t(statusKey)}</span>
        <span className="text-sm text-slate-600">
          {t('admin.teachers.summary', {
            classes: format.tokens(teacher.classes),
            spent: format.cost(Math.round(teacher.monthSpentUsd * 1e6)),
          })}
        </span>
        {teacher.status === 'PENDING' && (
          <button
            type="button"
            className="btn-primary"
            disabled={approve.isPending}
            onClick={() => approve.mutate({ teacherId: teacher.id })}
          >
            {t('admin.teachers.approve')}
          </button>
        )}
        {teacher.status === 'DISABLED' ? (
          <button
            type="button"
            className="btn-secondary"
            disabled={disable.isPending}
            onClick={() => disable.mutate({ teacherId: teacher.id, disabled: false })}
          >
            {t('admin.teachers.enable')}
          </button>
        ) : (
          <button
            type="button"
            className="btn-secondary"
            disabled={disable.isPending}
            onClick={() => {
              if (window.confirm(t('admin.teachers.disableConfirm', { name: teacher.name })))
                disable.mutate({ teacherId: teacher.id, disabled: true });
            }}
          >
            {t('admin.teachers.disable')}
          </button>
        )}
        {reset.button(teacher.id, teacher.name, 'btn-secondary')}
      </div>
      {reset.notice}
      <form onSubmit={saveCaps} className="flex flex-wrap items-end gap-3" noValidate>
        <UsdField
          label={t('admin.teachers.capDay')}
          value={form.day}
          errors={fieldErrors.dayUsd}
          onChange={(day) => (setSaved(false), setDraft({ ...form, day }))}
        />
        <UsdField
          label={t('admin.teachers.capMonth')}
          value={form.month}
          errors={fieldErrors.monthUsd}
          onChange={(month) => (setSaved(false), setDraft({ ...form, month }))}
        />
        <button type="submit" className="btn-secondary" disabled={caps.isPending}>
          {t('admin.teachers.saveCaps')}
        </button>
        <p role="status" className="text-sm text-emerald-700">
          {saved && !caps.isPending ? t('dash.saved') : ''}
        </p>
      </form>
      <p className="text-xs text-slate-500">{t('admin.teachers.capHint')}</p>
      {error && <ErrorNotice error={toUiError(error)} />}
    </li>
  );
}
