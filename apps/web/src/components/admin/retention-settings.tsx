'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/client';
import { toUiError } from '../../lib/app-error';
import { useTRPC } from '../../trpc/client';
import { ErrorNotice } from '../error-notice';
import { SaveButton } from '../save-button';
import { useFormat } from '../teacher/format';

/**
 * How long message text is kept. Off by default; once set, each server checks hourly and the day's run removes
 * older text (usage and cost stay). "Run now" applies a new setting at once.
 */
export function RetentionSettings() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const format = useFormat();
  const queryClient = useQueryClient();
  const retention = useQuery(trpc.admin.retention.queryOptions());
  const [draft, setDraft] = useState<{ on: boolean; days: string } | null>(null);
  const [saved, setSaved] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.admin.retention.queryKey() });
  const save = useMutation(trpc.admin.setRetention.mutationOptions({ onSuccess: () => (setSaved(true), refresh()) }));
  const run = useMutation(trpc.admin.runRetention.mutationOptions({ onSuccess: refresh }));

  if (retention.isPending) return <p className="text-sm text-slate-500">{t('common.loading')}</p>;
  if (retention.error) return <ErrorNotice error={toUiError(retention.error)} />;
  const data = retention.data;
  const form = draft ?? { on: data.days !== null, days: String(data.days ?? 365) };
  const fieldErrors = toUiError(save.error).fieldErrors ?? {};

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    save.mutate({ days: form.on ? Number(form.days) : null });
  }

  return (
    <section className="card space-y-3" aria-labelledby="retention-title">
      <h2 id="retention-title" className="text-lg font-semibold">
        {t('admin.retention.title')}
      </h2>
      <p className="text-sm text-slate-600">{t('admin.retention.intro')}</p>
      <form onSubmit={submit} className="flex flex-wrap items-end gap-3" noValidate>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={form.on}
            onChange={(e) => (setSaved(false), setDraft({ ...form, on: e.target.checked }))}
          />
          {t('admin.retention.on')}
        </label>
        <label className="text-sm font-medium">
          {t('admin.retention.days')}
          <input
            type="number"
            min={1}
            max={3650}
            className="input mt-1 block w-32"
            disabled={!form.on}
            value={form.days}
            aria-invalid={Boolean(fieldErrors.days)}
            onChange={(e) => (setSaved(false), setDraft({ ...form, days: e.target.value }))}
          />
          {fieldErrors.days?.map((m) => (
            <span key={m} className="field-error block">
              {m}
            </span>
          ))}
        </label>
        <SaveButton label={t('common.save')} pending={save.isPending} saved={saved} />
      </form>
      {save.error && !fieldErrors.days && <ErrorNotice error={toUiError(save.error)} />}
      <p className="text-sm text-slate-600" data-testid="retention-state">
        {data.days === null
          ? t('admin.retention.keptForever')
          : t('admin.retention.keptDays', { days: format.tokens(data.days) })}{' '}
        {data.lastRunAt
          ? t('admin.retention.lastRun', {
              when: format.dateTime(data.lastRunAt),
              count: format.tokens(data.lastRemoved),
            })
          : t('admin.retention.neverRun')}
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          className="btn-secondary"
          disabled={run.isPending || data.days === null}
          onClick={() => {
            if (window.confirm(t('admin.retention.runConfirm', { days: format.tokens(data.days ?? 0) }))) run.mutate();
          }}
        >
          {t('admin.retention.runNow')}
        </button>
        <p role="status" className="text-sm text-slate-600">
          {run.data?.status === 'busy' && t('admin.retention.busy')}
          {run.data?.status === 'done' && t('admin.retention.ran', { count: format.tokens(run.data.removed) })}
        </p>
      </div>
      {run.error && <ErrorNotice error={toUiError(run.error)} />}
    </section>
  );
}
