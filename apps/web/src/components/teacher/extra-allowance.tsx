'use client';

import { grantExtraInput } from '@lumi/api/schemas';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useI18n } from '../../i18n/client';
import { fieldText, localizeError, toUiError } from '../../lib/app-error';
import { useTRPC } from '../../trpc/client';
import { ErrorNotice } from '../error-notice';

/** A roster row's "Extra today": extra tokens for one student, today only, on top of the class budget. */
export function ExtraAllowance(props: { classId: string; studentId: string; name: string; current: number }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const grant = useMutation(
    trpc.teacher.grantExtra.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        return queryClient.invalidateQueries({ queryKey: trpc.teacher.roster.queryKey({ classId: props.classId }) });
      },
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const raw = new FormData(event.currentTarget).get('tokens');
    const parsed = grantExtraInput.safeParse({
      classId: props.classId,
      studentId: props.studentId,
      tokens: raw === '' ? Number.NaN : Number(raw),
    });
    setFieldError(parsed.success ? null : (parsed.error.issues[0]?.message ?? null));
    if (parsed.success) grant.mutate(parsed.data);
  }

  if (!open) {
    return (
      <button type="button" className="btn-ghost" onClick={() => setOpen(true)}>
        {t('dash.giveExtra')}
        <span className="sr-only"> {props.name}</span>
      </button>
    );
  }
  return (
    // Narrow and wrapping: in the roster's actions cell (nowrap) the hint would widen the table past its card.
    <form
      onSubmit={submit}
      onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
      className="inline-flex w-44 flex-col items-end gap-1 whitespace-normal text-left"
      noValidate
    >
      <label className="text-xs">
        <span className="block">{t('dash.extraLabel', { name: props.name })}</span>
        <input
          name="tokens"
          type="number"
          min={0}
          step={1000}
          defaultValue={props.current || 10000}
          className="input w-32"
          autoFocus
        />
      </label>
      <span className="text-xs text-slate-500">{t('dash.extraHint')}</span>
      {fieldError && <span className="field-error">{fieldText(fieldError, t)}</span>}
      {grant.error && <ErrorNotice error={localizeError(toUiError(grant.error), t)} />}
      <span className="flex gap-2">
        <button type="button" className="btn-ghost" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
        <button type="submit" className="btn-secondary" disabled={grant.isPending}>
          {t('dash.extraSave')}
        </button>
      </span>
    </form>
  );
}
