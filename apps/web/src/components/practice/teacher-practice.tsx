'use client';

import { CEFR_LEVELS, HSK_LEVELS, drillSetSchema, localize, scenarioSchema } from '@lumi/chat-core/practice';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { useI18n } from '../../i18n/client';
import { localizeError, toUiError } from '../../lib/app-error';
import { formText } from '../../lib/form-text';
import { useTRPC } from '../../trpc/client';
import { ErrorNotice } from '../error-notice';
import { lines, parseDrillItems, parseObjectives, parseVocabulary } from './exercise-forms';

type FieldErrors = Record<string, string>;

/** Zod issues by their first path segment, so a form shows each next to its field ("objectives: 1.min: ..."). */
function errorsByField(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const [field = 'form', ...rest] = issue.path.map(String);
    out[field] ??= rest.length
      ? `${rest.map((p) => (/^\d+$/.test(p) ? `#${Number(p) + 1}` : p)).join(' ')}: ${issue.message}`
      : issue.message;
  }
  return out;
}

/** A labelled field; `id` is its control's (`f-<name>` unless the page has two fields of that name). */
function Field({
  name,
  id = `f-${name}`,
  label,
  error,
  children,
}: {
  name: string;
  id?: string;
  label: string;
  error?: string;
  children: React.ReactNode;
}) {
  return (
    <label className="block text-sm font-medium" htmlFor={id}>
      {label}
      {children}
      {error && (
        <span className="field-error block" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </label>
  );
}

/**
 * An exercise form's save: the spec is checked as it would run (`schema`) and a refusal shown next to its field;
 * a spec that passes is saved, and the form cleared once it is. `footer` is the form's end: what went wrong
 * saving, "saved", and the save button.
 */
function useExerciseSave(onSaved: () => void) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const save = useMutation(trpc.practice.saveExercise.mutationOptions({ onSuccess: onSaved }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);

  function submit(form: HTMLFormElement, schema: z.ZodType, input: Parameters<typeof save.mutate>[0]) {
    const parsed = schema.safeParse(input.spec);
    setSaved(false);
    if (!parsed.success) return setErrors(errorsByField(parsed.error));
    setErrors({});
    save.mutate(input, { onSuccess: () => (form.reset(), setSaved(true)) });
  }

  const footer = (
    <>
      {save.error && <ErrorNotice error={toUiError(save.error)} />}
      {saved && (
        <p role="status" className="text-sm text-emerald-700">
          {t('tpractice.saved')}
        </p>
      )}
      <button type="submit" className="btn-primary" disabled={save.isPending}>
        {t('tpractice.save')}
      </button>
    </>
  );
  return { errors, submit, footer };
}

/** A teacher writes a roleplay scenario; it is checked as it would run, and refusals name the field. */
function ScenarioForm({ onSaved }: { onSaved: () => void }) {
  const { t } = useI18n();
  const { errors, submit: saveExercise, footer } = useExerciseSave(onSaved);
  const [language, setLanguage] = useState<'en' | 'zh'>('en');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const spec = {
      targetLanguage: language,
      level: formText(data, 'level'),
      title: formText(data, 'title'),
      brief: formText(data, 'brief'),
      aiRole: formText(data, 'aiRole'),
      learnerRole: formText(data, 'learnerRole'),
      setting: formText(data, 'setting'),
      objectives: parseObjectives(formText(data, 'objectives')),
      vocabulary: parseVocabulary(formText(data, 'vocabulary')),
      grammar: lines(formText(data, 'grammar')),
      turnLimit: Number(formText(data, 'turnLimit') || 0),
      openingLine: formText(data, 'openingLine'),
    };
    saveExercise(form, scenarioSchema, { kind: 'ROLEPLAY', spec });
  }

  const input = (name: string, label: string, props: React.InputHTMLAttributes<HTMLInputElement> = {}) => (
    <Field name={name} label={label} error={errors[name]}>
      <input id={`f-${name}`} name={name} className="input mt-1" aria-invalid={Boolean(errors[name])} {...props} />
    </Field>
  );
  const area = (name: string, label: string) => (
    <Field name={name} label={label} error={errors[name]}>
      <textarea id={`f-${name}`} name={name} rows={3} className="input mt-1" aria-invalid={Boolean(errors[name])} />
    </Field>
  );

  return (
    <form onSubmit={submit} className="space-y-3" noValidate aria-labelledby="scenario-form-title">
      <h3 id="scenario-form-title" className="font-semibold">
        {t('tpractice.writeScenario')}
      </h3>
      <div className="grid gap-3 sm:grid-cols-3">
        <label className="block text-sm font-medium">
          {t('practice.language')}
          <select
            className="input mt-1"
            value={language}
            onChange={(e) => setLanguage(e.target.value === 'zh' ? 'zh' : 'en')}
          >
            <option value="en">{t('practice.lang.en')}</option>
            <option value="zh">{t('practice.lang.zh')}</option>
          </select>
        </label>
        <Field name="level" label={t('practice.level')} error={errors.level}>
          <select id="f-level" name="level" className="input mt-1">
            {(language === 'en' ? CEFR_LEVELS : HSK_LEVELS).map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </Field>
        {input('turnLimit', t('tpractice.field.turnLimit'), { type: 'number', min: 2, max: 30, defaultValue: 8 })}
      </div>
      {input('title', t('tpractice.field.title'))}
      {area('brief', t('tpractice.field.brief'))}
      <div className="grid gap-3 sm:grid-cols-2">
        {input('aiRole', t('tpractice.field.aiRole'))}
        {input('learnerRole', t('tpractice.field.learnerRole'))}
      </div>
      {input('setting', t('tpractice.field.setting'))}
      {input('openingLine', t('tpractice.field.openingLine'))}
      {area('objectives', t('tpractice.field.objectives'))}
      {area('vocabulary', t('tpractice.field.vocabulary'))}
      {area('grammar', t('tpractice.field.grammar'))}
      {footer}
    </form>
  );
}

/** A teacher writes a translation drill: one sentence per line with its accepted translations. */
function DrillForm({ onSaved }: { onSaved: () => void }) {
  const { t } = useI18n();
  const { errors, submit: saveExercise, footer } = useExerciseSave(onSaved);
  const [direction, setDirection] = useState<'en-zh' | 'zh-en'>('en-zh');

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const spec = {
      direction,
      level: formText(data, 'level'),
      title: formText(data, 'title'),
      items: parseDrillItems(formText(data, 'items')),
    };
    saveExercise(form, drillSetSchema, { kind: 'DRILL', spec });
  }

  return (
    <form onSubmit={submit} className="space-y-3" noValidate aria-labelledby="drill-form-title">
      <h3 id="drill-form-title" className="font-semibold">
        {t('tpractice.writeDrill')}
      </h3>
      <div className="grid gap-3 sm:grid-cols-3">
        <label className="block text-sm font-medium">
          {t('tpractice.field.direction')}
          <select
            className="input mt-1"
            value={direction}
            onChange={(e) => setDirection(e.target.value === 'zh-en' ? 'zh-en' : 'en-zh')}
          >
            <option value="en-zh">{t('practice.direction.en-zh')}</option>
            <option value="zh-en">{t('practice.direction.zh-en')}</option>
          </select>
        </label>
        <Field name="level" id="f-drill-level" label={t('practice.level')} error={errors.level}>
          <select id="f-drill-level" name="level" className="input mt-1">
            {(direction === 'zh-en' ? CEFR_LEVELS : HSK_LEVELS).map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </Field>
        <Field name="title" id="f-drill-title" label={t('tpractice.field.title')} error={errors.title}>
          <input id="f-drill-title" name="title" className="input mt-1" />
        </Field>
      </div>
      <Field name="items" label={t('tpractice.field.items')} error={errors.items}>
        <textarea id="f-items" name="items" rows={5} className="input mt-1" aria-invalid={Boolean(errors.items)} />
      </Field>
      {footer}
    </form>
  );
}

/**
 * The class page's language-practice tab: assign from the library or the teacher's own exercises (optionally with a
 * due date), see who started and finished, open each assignment's results, and write new exercises.
 */
export function ClassPractice({ classId }: { classId: string }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const library = useQuery(trpc.practice.library.queryOptions());
  const assignments = useQuery(trpc.practice.classAssignments.queryOptions({ classId }));
  const refreshAssignments = () =>
    queryClient.invalidateQueries({ queryKey: trpc.practice.classAssignments.queryKey({ classId }) });
  const assign = useMutation(trpc.practice.assign.mutationOptions({ onSuccess: refreshAssignments }));
  const unassign = useMutation(trpc.practice.unassign.mutationOptions({ onSuccess: refreshAssignments }));
  const refreshLibrary = () => queryClient.invalidateQueries({ queryKey: trpc.practice.library.queryKey() });
  const date = new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium' });

  function submitAssign(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const [kind, id] = formText(data, 'exercise').split(':');
    const due = formText(data, 'dueAt');
    if (!id || (kind !== 'builtin' && kind !== 'exercise')) return;
    assign.mutate({ classId, source: { kind, id }, dueAt: due ? new Date(`${due}T23:59:59`) : null });
  }

  return (
    <div className="space-y-6">
      <section className="card space-y-4" aria-labelledby="assign-title">
        <h2 id="assign-title" className="text-lg font-semibold">
          {t('tpractice.assign')}
        </h2>
        <form onSubmit={submitAssign} className="grid items-end gap-3 sm:grid-cols-[2fr_1fr_auto]">
          <label className="text-sm font-medium">
            {t('tpractice.exercise')}
            <select name="exercise" className="input mt-1">
              {library.data && library.data.own.length > 0 && (
                <optgroup label={t('tpractice.own')}>
                  {library.data.own.map((e) => (
                    <option key={e.id} value={`exercise:${e.id}`}>
                      {localize(e.spec.kind === 'ROLEPLAY' ? e.spec.scenario.title : e.spec.drill.title, locale)}
                    </option>
                  ))}
                </optgroup>
              )}
              <optgroup label={`${t('tpractice.builtin')} · ${t('practice.roleplays')}`}>
                {library.data?.scenarios.map((s) => (
                  <option key={s.id} value={`builtin:${s.id}`}>
                    {localize(s.title, locale)} ({t(`practice.lang.${s.targetLanguage}`)} {s.level})
                  </option>
                ))}
              </optgroup>
              <optgroup label={`${t('tpractice.builtin')} · ${t('practice.drills')}`}>
                {library.data?.drillSets.map((d) => (
                  <option key={d.id} value={`builtin:${d.id}`}>
                    {localize(d.title, locale)} ({d.level})
                  </option>
                ))}
              </optgroup>
            </select>
          </label>
          <label className="text-sm font-medium">
            {t('tpractice.dueAt')}
            <input type="date" name="dueAt" className="input mt-1" />
          </label>
          <button type="submit" className="btn-primary" disabled={assign.isPending}>
            {t('tpractice.assign')}
          </button>
        </form>
        {assign.error && <ErrorNotice error={localizeError(toUiError(assign.error), t)} />}

        <h3 className="font-semibold">{t('tpractice.assigned')}</h3>
        {assignments.error && <ErrorNotice error={localizeError(toUiError(assignments.error), t)} />}
        {assignments.data?.length === 0 && <p className="text-sm text-slate-500">{t('tpractice.noAssignments')}</p>}
        <ul className="divide-y divide-slate-100" data-testid="class-assignments">
          {assignments.data?.map((a) => (
            <li key={a.id} className="flex flex-wrap items-center gap-3 py-2 text-sm">
              <span className="font-medium">{localize(a.title, locale)}</span>
              {a.dueAt && (
                <span className="text-slate-500">{t('practice.due', { date: date.format(new Date(a.dueAt)) })}</span>
              )}
              <span className="text-slate-500">
                {t('tpractice.progress', { started: a.started, finished: a.finished, students: a.students })}
              </span>
              <span className="ml-auto flex gap-2">
                <Link href={`/teacher/classes/${classId}/practice/${a.id}`} className="btn-secondary">
                  {t('tpractice.results')}
                </Link>
                <button type="button" className="btn-ghost" onClick={() => unassign.mutate({ assignmentId: a.id })}>
                  {t('tpractice.remove')}
                </button>
              </span>
            </li>
          ))}
        </ul>
      </section>
      <section className="card space-y-6" aria-labelledby="write-title">
        <h2 id="write-title" className="text-lg font-semibold">
          {t('tpractice.write')}
        </h2>
        <ScenarioForm onSaved={() => void refreshLibrary()} />
        <hr className="border-slate-200" />
        <DrillForm onSaved={() => void refreshLibrary()} />
      </section>
    </div>
  );
}
