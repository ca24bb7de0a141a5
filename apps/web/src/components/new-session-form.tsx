'use client';

import { createConversationInput, isLanguageMode, SESSION_LANGUAGES, tutorModeSchema } from '@lumi/api/schemas';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/client';
import { fieldText, localizeError, toUiError } from '../lib/app-error';
import { useTRPC } from '../trpc/client';
import { ErrorNotice } from './error-notice';
import { formText } from '../lib/form-text';
import { modelLabel } from '../lib/model-label';

/** Picks a mode (and persona for a custom tutor), a class and one of its models, creates the session and opens it. */
export function NewSessionForm() {
  const { t, locale } = useI18n();
  const router = useRouter();
  const trpc = useTRPC();
  const classes = useQuery(trpc.classes.list.queryOptions());
  const create = useMutation(trpc.conversations.create.mutationOptions());
  const [mode, setMode] = useState<(typeof tutorModeSchema.options)[number]>('GENERAL');
  const [fieldError, setFieldError] = useState<{ field: string; message: string } | null>(null);
  // The student's own language starts as the screen's; the other one they choose.
  const [sourceLanguage, setSourceLanguage] = useState<string>(locale);
  const [targetLanguage, setTargetLanguage] = useState('');
  const languageNames = new Intl.DisplayNames([locale === 'zh' ? 'zh-CN' : 'en'], { type: 'language' });
  // Undefined until the student picks: the first class, and that class's default model.
  const [pickedClass, setPickedClass] = useState<string>();
  const [pickedModel, setPickedModel] = useState<string>();
  const classId = pickedClass ?? classes.data?.[0]?.id ?? '';
  const models = useQuery(trpc.chat.models.queryOptions({ classId: classId || null }, { enabled: !classes.isPending }));
  const model = pickedModel ?? models.data?.defaultModel ?? models.data?.models[0]?.id;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = createConversationInput.safeParse({
      mode,
      persona: mode === 'CUSTOM' ? formText(form, 'persona') : undefined,
      classId: classId || undefined,
      model,
      sourceLanguage: isLanguageMode(mode) ? sourceLanguage : undefined,
      targetLanguage: isLanguageMode(mode) ? targetLanguage || undefined : undefined,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setFieldError(issue ? { field: String(issue.path[0]), message: issue.message } : null);
      return;
    }
    setFieldError(null);
    const conversation = await create.mutateAsync(parsed.data).catch(() => null);
    if (conversation) router.push(`/chat/${conversation.id}`);
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="space-y-3" aria-labelledby="new-session-title">
      <h2 id="new-session-title" className="text-lg font-semibold">
        {t('new.title')}
      </h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block text-sm font-medium">
          {t('new.mode')}
          <select className="input mt-1" value={mode} onChange={(e) => setMode(e.target.value as typeof mode)}>
            {tutorModeSchema.options.map((m) => (
              <option key={m} value={m}>
                {t(`mode.${m}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm font-medium">
          {t('new.class')}
          <select
            className="input mt-1"
            value={classId}
            onChange={(e) => {
              setPickedClass(e.target.value);
              setPickedModel(undefined);
            }}
          >
            {classes.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
            <option value="">{t('new.noClass')}</option>
          </select>
        </label>
      </div>
      <label className="block text-sm font-medium">
        {t('new.model')}
        <select
          className="input mt-1"
          value={model ?? ''}
          onChange={(e) => setPickedModel(e.target.value)}
          disabled={!models.data}
        >
          {models.data?.models.map((m) => (
            <option key={m.id} value={m.id}>
              {/* Prices are null unless the caller may see money (a teacher, or a class that shows them). */}
              {m.prices === null || (m.prices.input === 0 && m.prices.output === 0)
                ? modelLabel(m, t)
                : t('new.modelOption', {
                    label: modelLabel(m, t),
                    input: String(m.prices.input),
                    output: String(m.prices.output),
                  })}
            </option>
          ))}
        </select>
      </label>
      {isLanguageMode(mode) && (
        <fieldset className="grid gap-3 sm:grid-cols-2">
          <legend className="mb-1 text-sm font-medium">{t('new.languages')}</legend>
          <label className="block text-sm">
            {t(mode === 'TRANSLATION' ? 'new.translateFrom' : 'new.ownLanguage')}
            <select className="input mt-1" value={sourceLanguage} onChange={(e) => setSourceLanguage(e.target.value)}>
              {SESSION_LANGUAGES.map((code) => (
                <option key={code} value={code}>
                  {languageNames.of(code)}
                </option>
              ))}
            </select>
          </label>
          <label className="block text-sm">
            {t(mode === 'TRANSLATION' ? 'new.translateInto' : 'new.practising')}
            <select
              className="input mt-1"
              value={targetLanguage}
              onChange={(e) => setTargetLanguage(e.target.value)}
              aria-invalid={fieldError?.field === 'targetLanguage'}
              aria-describedby={fieldError?.field === 'targetLanguage' ? 'language-error' : undefined}
            >
              <option value="">{t('new.chooseLanguage')}</option>
              {SESSION_LANGUAGES.map((code) => (
                <option key={code} value={code}>
                  {languageNames.of(code)}
                </option>
              ))}
            </select>
          </label>
          {fieldError?.field === 'targetLanguage' && (
            <span id="language-error" className="field-error block sm:col-span-2">
              {fieldText(fieldError.message, t)}
            </span>
          )}
        </fieldset>
      )}
      {mode === 'CUSTOM' && (
        <label className="block text-sm font-medium">
          {t('new.persona')}
          <textarea name="persona" rows={3} className="input mt-1" aria-invalid={fieldError?.field === 'persona'} />
          {fieldError?.field === 'persona' && (
            <span className="field-error block">{fieldText(fieldError.message, t)}</span>
          )}
        </label>
      )}
      {create.error && <ErrorNotice error={localizeError(toUiError(create.error), t)} />}
      <button type="submit" className="btn-primary" disabled={create.isPending || classes.isPending || !model}>
        {create.isPending ? t('common.loading') : t('new.start')}
      </button>
    </form>
  );
}
