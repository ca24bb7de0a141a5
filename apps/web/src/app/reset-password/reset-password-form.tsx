'use client';

import { redeemResetInput } from '@lumi/api/schemas';
import { useMutation } from '@tanstack/react-query';
import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { useI18n } from '../../i18n/client';
import { fieldText, localizeError, toUiError } from '../../lib/app-error';
import { formText } from '../../lib/form-text';
import { useTRPC } from '../../trpc/client';

export function ResetPasswordForm({ code }: { code: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const redeem = useMutation(trpc.passwordReset.redeem.mutationOptions());
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[] | undefined>>({});

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = redeemResetInput.safeParse({ code: formText(form, 'code'), password: formText(form, 'password') });
    if (!parsed.success) {
      setFieldErrors(z.flattenError(parsed.error).fieldErrors);
      return;
    }
    setFieldErrors({});
    redeem.mutate(parsed.data);
  }

  const fieldError = (name: string) => {
    const message = fieldErrors[name]?.[0];
    if (!message) return null;
    return (
      <span id={`${name}-error`} className="field-error block">
        {fieldText(message, t)}
      </span>
    );
  };

  if (redeem.data) {
    return (
      <div className="card space-y-4">
        <h1 className="text-2xl font-semibold">{t('reset.doneTitle')}</h1>
        <p role="status" className="text-sm">
          {t('reset.done', { email: redeem.data.email })}
        </p>
        <Link href="/sign-in" className="btn-primary w-full">
          {t('auth.signIn')}
        </Link>
      </div>
    );
  }

  return (
    <div className="card space-y-5">
      <h1 className="text-2xl font-semibold">{t('reset.title')}</h1>
      <p className="text-sm text-slate-600">{t('reset.intro')}</p>
      <form onSubmit={submit} className="space-y-4" noValidate>
        <label className="block text-sm font-medium">
          {t('reset.code')}
          <input
            name="code"
            defaultValue={code}
            autoComplete="one-time-code"
            autoCapitalize="characters"
            spellCheck={false}
            className="input mt-1 font-mono tracking-widest"
            aria-invalid={Boolean(fieldErrors.code)}
            aria-describedby={fieldErrors.code ? 'code-error' : undefined}
          />
          {fieldError('code')}
        </label>
        <label className="block text-sm font-medium">
          {t('reset.password')}
          <input
            name="password"
            type="password"
            autoComplete="new-password"
            className="input mt-1"
            aria-invalid={Boolean(fieldErrors.password)}
            aria-describedby={fieldErrors.password ? 'password-error' : undefined}
          />
          {fieldError('password')}
        </label>
        {redeem.error && (
          <p role="alert" className="text-sm text-red-700">
            {localizeError(toUiError(redeem.error), t).message}
          </p>
        )}
        <button type="submit" className="btn-primary w-full" disabled={redeem.isPending}>
          {redeem.isPending ? t('common.loading') : t('reset.submit')}
        </button>
      </form>
      <p className="text-sm text-slate-600">
        <Link href="/sign-in" className="font-medium text-indigo-700 underline">
          {t('reset.backToSignIn')}
        </Link>
      </p>
    </div>
  );
}
