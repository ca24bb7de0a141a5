'use client';

import type { AppRouter } from '@lumi/api';
import type { TutorRuleKey } from '@lumi/chat-core';
import type { inferRouterOutputs } from '@trpc/server';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/client';
import type { MessageKey } from '../../i18n/en';
import { fieldText, toUiError } from '../../lib/app-error';
import { useTRPC } from '../../trpc/client';
import { ErrorNotice } from '../error-notice';
import { SaveButton } from '../save-button';
import { useFormat } from './format';
import { offeredModels } from './offered-models';
import { modelLabel } from '../../lib/model-label';

const PREVIEW_MODES = [
  'GENERAL',
  'MATHS',
  'SCIENCE',
  'PROGRAMMING',
  'WRITING',
  'TRANSLATION',
  'LANGUAGE_PRACTICE',
] as const;
type PreviewMode = (typeof PREVIEW_MODES)[number];
const isPreviewMode = (v: string): v is PreviewMode => (PREVIEW_MODES as readonly string[]).includes(v);

interface Draft {
  name: string;
  subject: string;
  dailyTokenBudget: string;
  allowedModels: string[];
  defaultModel: string;
  tutorRules: TutorRuleKey[];
  extraInstructions: string;
  showPricesToStudents: boolean;
  moderationFailClosed: boolean;
}

/**
 * The class's settings with a live preview of the exact system prompt a student's tutor receives. Saved settings
 * apply to the next message any student sends, on every server.
 */
export function ClassSettingsForm({ classId }: { classId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const settings = useQuery(trpc.teacher.settings.queryOptions({ classId }));
  if (settings.isPending) return <p className="text-sm text-slate-500">{t('common.loading')}</p>;
  if (settings.error) return <ErrorNotice error={toUiError(settings.error)} />;
  return <SettingsEditor classId={classId} data={settings.data} />;
}

type Settings = inferRouterOutputs<AppRouter>['teacher']['settings'];

/** The form itself, started from the saved settings; it keeps its own draft until saved. */
function SettingsEditor({ classId, data }: { classId: string; data: Settings }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => ({
    name: data.name,
    subject: data.subject ?? '',
    dailyTokenBudget: String(data.dailyTokenBudget),
    allowedModels: data.allowedModels,
    defaultModel: data.defaultModel,
    tutorRules: data.rules.map((r) => r.key).filter((k) => data.tutorRules.includes(k)),
    extraInstructions: data.extraInstructions,
    showPricesToStudents: data.showPricesToStudents,
    moderationFailClosed: data.moderationFailClosed,
  }));
  const [previewMode, setPreviewMode] = useState<PreviewMode>('GENERAL');
  const [saved, setSaved] = useState(false);

  const preview = useQuery({
    ...trpc.teacher.previewPrompt.queryOptions({
      classId,
      mode: previewMode,
      tutorRules: draft.tutorRules,
      extraInstructions: draft.extraInstructions.slice(0, 4000),
    }),
    placeholderData: (previous) => previous,
  });
  const invalidate = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.teacher.settings.queryKey({ classId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.teacher.roster.queryKey({ classId }) }),
      queryClient.invalidateQueries({ queryKey: trpc.teacher.overview.queryKey() }),
    ]);
  const save = useMutation(trpc.classes.update.mutationOptions({ onSuccess: () => (setSaved(true), invalidate()) }));
  const regenerate = useMutation(trpc.teacher.regenerateJoinCode.mutationOptions({ onSuccess: invalidate }));
  const archive = useMutation(trpc.teacher.archiveClass.mutationOptions({ onSuccess: invalidate }));

  const fieldErrors = toUiError(save.error).fieldErrors ?? {};
  const change = (patch: Partial<Draft>) => {
    setSaved(false);
    setDraft({ ...draft, ...patch });
  };
  const models = offeredModels(data.models, data.allowedModels);
  const chosenModels = draft.allowedModels.length > 0 ? draft.allowedModels : models.map((m) => m.id);

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({
      classId,
      name: draft.name,
      subject: draft.subject || null,
      dailyTokenBudget: Number(draft.dailyTokenBudget),
      allowedModels: draft.allowedModels,
      defaultModel: chosenModels.includes(draft.defaultModel) ? draft.defaultModel : chosenModels[0]!,
      tutorRules: draft.tutorRules,
      extraInstructions: draft.extraInstructions,
      showPricesToStudents: draft.showPricesToStudents,
      moderationFailClosed: draft.moderationFailClosed,
    });
  }

  const error = (name: string) =>
    fieldErrors[name]?.map((m) => (
      <span key={m} className="field-error block">
        {fieldText(m, t)}
      </span>
    ));

  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <form onSubmit={submit} className="card space-y-4" noValidate aria-labelledby="settings-title">
        <h2 id="settings-title" className="text-lg font-semibold">
          {t('dash.tab.settings')}
        </h2>
        <div className="grid gap-3 sm:grid-cols-2">
          <label className="block text-sm font-medium">
            {t('teacher.className')}
            <input className="input mt-1" value={draft.name} onChange={(e) => change({ name: e.target.value })} />
            {error('name')}
          </label>
          <label className="block text-sm font-medium">
            {t('teacher.subject')}
            <input className="input mt-1" value={draft.subject} onChange={(e) => change({ subject: e.target.value })} />
          </label>
          <label className="block text-sm font-medium sm:col-span-2">
            {t('teacher.budget')}
            <input
              type="number"
              min={0}
              className="input mt-1"
              value={draft.dailyTokenBudget}
              onChange={(e) => change({ dailyTokenBudget: e.target.value })}
            />
            <span className="mt-1 block text-xs font-normal text-slate-500">{t('dash.budgetHint')}</span>
            {error('dailyTokenBudget')}
          </label>
        </div>
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium">{t('dash.allowedModels')}</legend>
          <p className="text-xs text-slate-500">{data.offline ? t('dash.offlineModels') : t('dash.allowedHint')}</p>
          {models.map((m) => (
            <label key={m.id} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={draft.allowedModels.includes(m.id)}
                onChange={(e) =>
                  change({
                    allowedModels: e.target.checked
                      ? [...draft.allowedModels, m.id]
                      : draft.allowedModels.filter((id) => id !== m.id),
                  })
                }
              />
              <span>
                {modelLabel(m, t)}{' '}
                {m.prices && (
                  <span className="text-xs text-slate-500">
                    {t('dash.modelPrice', {
                      input: format.cost(m.prices.input * 1_000_000),
                      output: format.cost(m.prices.output * 1_000_000),
                    })}
                  </span>
                )}
              </span>
            </label>
          ))}
          {error('allowedModels')}
        </fieldset>
        <label className="block text-sm font-medium">
          {t('dash.defaultModel')}
          <select
            className="input mt-1"
            value={chosenModels.includes(draft.defaultModel) ? draft.defaultModel : chosenModels[0]}
            onChange={(e) => change({ defaultModel: e.target.value })}
          >
            {models
              .filter((m) => chosenModels.includes(m.id))
              .map((m) => (
                <option key={m.id} value={m.id}>
                  {modelLabel(m, t)}
                </option>
              ))}
          </select>
        </label>
        <fieldset className="space-y-1">
          <legend className="text-sm font-medium">{t('dash.tutorRules')}</legend>
          {data.rules.map((rule) => (
            <label key={rule.key} className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                className="mt-1"
                checked={draft.tutorRules.includes(rule.key)}
                onChange={(e) =>
                  change({
                    tutorRules: e.target.checked
                      ? [...draft.tutorRules, rule.key]
                      : draft.tutorRules.filter((k) => k !== rule.key),
                  })
                }
              />
              <span>
                {rule.label[locale]}
                <span className="block text-xs text-slate-500">{rule.description[locale]}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <label className="block text-sm font-medium">
          {t('dash.extraInstructions')}
          <textarea
            className="input mt-1 min-h-28"
            value={draft.extraInstructions}
            maxLength={4000}
            onChange={(e) => change({ extraInstructions: e.target.value })}
          />
          {error('extraInstructions')}
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-1"
            checked={draft.showPricesToStudents}
            aria-describedby="show-prices-hint"
            onChange={(e) => change({ showPricesToStudents: e.target.checked })}
          />
          <span>
            <span className="font-medium">{t('dash.showPrices')}</span>
            <span id="show-prices-hint" className="block text-xs text-slate-500">
              {t('dash.showPricesHint')}
            </span>
          </span>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input
            type="checkbox"
            className="mt-1"
            checked={draft.moderationFailClosed}
            aria-describedby="moderation-fail-closed-hint"
            onChange={(e) => change({ moderationFailClosed: e.target.checked })}
          />
          <span>
            <span className="font-medium">{t('dash.moderationFailClosed')}</span>
            <span id="moderation-fail-closed-hint" className="block text-xs text-slate-500">
              {t('dash.moderationFailClosedHint')}
            </span>
          </span>
        </label>
        {save.error && <ErrorNotice error={toUiError(save.error)} />}
        <div className="flex items-center gap-3">
          <SaveButton label={t('common.save')} pending={save.isPending} saved={saved} />
        </div>
      </form>
      <div className="space-y-4">
        <section className="card space-y-2" aria-labelledby="preview-title">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 id="preview-title" className="text-lg font-semibold">
              {t('dash.promptPreview')}
            </h2>
            <label className="text-xs text-slate-600">
              {t('new.mode')}{' '}
              <select
                className="rounded border border-slate-300 px-2 py-1"
                value={previewMode}
                onChange={(e) => isPreviewMode(e.target.value) && setPreviewMode(e.target.value)}
              >
                {PREVIEW_MODES.map((m) => (
                  <option key={m} value={m}>
                    {t(`mode.${m}` as MessageKey)}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <p className="text-xs text-slate-500">{t('dash.promptPreviewHint')}</p>
          <pre
            className="max-h-96 overflow-auto whitespace-pre-wrap rounded-lg bg-slate-100 p-3 text-xs"
            data-testid="prompt-preview"
          >
            {preview.data?.prompt ?? ''}
          </pre>
        </section>
        <section className="card space-y-3" aria-labelledby="class-actions-title">
          <h2 id="class-actions-title" className="text-lg font-semibold">
            {t('dash.classActions')}
          </h2>
          <p className="text-sm">
            {t('teacher.joinCode')}:{' '}
            <code className="rounded bg-indigo-50 px-2 py-1 font-mono tracking-widest text-indigo-800">
              {data.joinCode}
            </code>
          </p>
          <div className="flex flex-wrap gap-2">
            <button
              type="button"
              className="btn-secondary"
              disabled={regenerate.isPending}
              onClick={() => window.confirm(t('dash.regenerateConfirm')) && regenerate.mutate({ classId })}
            >
              {t('dash.regenerate')}
            </button>
            <button
              type="button"
              className="btn-secondary"
              disabled={archive.isPending}
              onClick={() =>
                window.confirm(data.archived ? t('dash.unarchiveConfirm') : t('dash.archiveConfirm')) &&
                archive.mutate({ classId, archived: !data.archived })
              }
            >
              {data.archived ? t('dash.unarchive') : t('dash.archive')}
            </button>
          </div>
          {(regenerate.error ?? archive.error) && <ErrorNotice error={toUiError(regenerate.error ?? archive.error)} />}
        </section>
      </div>
    </div>
  );
}
