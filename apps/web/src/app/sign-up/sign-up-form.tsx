'use client';

import { signUpInput } from '@lumi/api/schemas';
import { useMutation } from '@tanstack/react-query';
import { signIn } from 'next-auth/react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent, type InputHTMLAttributes } from 'react';
import { z } from 'zod';
import { ErrorNotice } from '../../components/error-notice';
import { useI18n } from '../../i18n/client';
import { fieldText, toUiError } from '../../lib/app-error';
import { useTRPC } from '../../trpc/client';

type FieldErrors = Record<string, string[] | undefined>;

export function SignUpForm() {
  const { t, locale } = useI18n();
  const router = useRouter();
  const trpc = useTRPC();
  const signUp = useMutation(trpc.account.signUp.mutationOptions());
  const [role, setRole] = useState<'STUDENT' | 'TEACHER'>('STUDENT');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [notSignedIn, setNotSignedIn] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = Object.fromEntries(new FormData(event.currentTarget));
    const parsed = signUpInput.safeParse({ ...form, role, language: locale === 'zh' ? 'ZH' : 'EN' });
    if (!parsed.success) {
      setFieldErrors(z.flattenError(parsed.error).fieldErrors);
      return;
    }
    setFieldErrors({});
    setNotSignedIn(false);
    try {
      await signUp.mutateAsync(parsed.data);
    } catch (error) {
      setFieldErrors(toUiError(error).fieldErrors ?? {});
      return;
    }
    // Sign-up answers the same whether or not the email had an account (README, "Sign-up"); signing in with what was
    // typed works exactly when the account is new.
    const result = await signIn('credentials', {
      email: parsed.data.email,
      password: parsed.data.password,
      redirect: false,
    });
    if (result.error) {
      setNotSignedIn(true);
      return;
    }
    router.replace('/');
    router.refresh();
  }

  const field = (name: string, label: string, props: InputHTMLAttributes<HTMLInputElement>, hint?: string) => (
    <label className="block text-sm font-medium">
      {label}
      <input name={name} className="input mt-1" aria-invalid={Boolean(fieldErrors[name])} {...props} />
      {hint && <span className="mt-1 block text-xs font-normal text-slate-500">{hint}</span>}
      {fieldErrors[name]?.map((m) => (
        <span key={m} className="field-error block">
          {fieldText(m, t)}
        </span>
      ))}
    </label>
  );

  return (
    <div className="card space-y-5">
      <h1 className="text-2xl font-semibold">{t('auth.signUpTitle')}</h1>
      <form onSubmit={(event) => void submit(event)} method="post" className="space-y-4" noValidate>
        <fieldset className="flex gap-4 text-sm">
          <legend className="mb-1 font-medium">{t('auth.iAm')}</legend>
          {(['STUDENT', 'TEACHER'] as const).map((r) => (
            <label key={r} className="flex items-center gap-2">
              <input type="radio" name="role-choice" checked={role === r} onChange={() => setRole(r)} />
              {t(r === 'STUDENT' ? 'auth.student' : 'auth.teacher')}
            </label>
          ))}
        </fieldset>
        {field('name', t('auth.name'), { autoComplete: 'name', required: true })}
        {field('email', t('auth.email'), { type: 'email', autoComplete: 'email', required: true })}
        {field('password', t('auth.password'), { type: 'password', autoComplete: 'new-password', required: true })}
        {role === 'STUDENT' &&
          field(
            'joinCode',
            t('auth.joinCode'),
            { autoCapitalize: 'characters', required: true },
            t('auth.joinCodeHint'),
          )}
        {signUp.error && <ErrorNotice error={toUiError(signUp.error)} />}
        {notSignedIn && <ErrorNotice error={{ code: null, message: t('auth.signUpNotSignedIn'), resetAt: null }} />}
        <button type="submit" className="btn-primary w-full" disabled={signUp.isPending}>
          {signUp.isPending ? t('common.loading') : t('auth.signUp')}
        </button>
      </form>
      <p className="text-sm text-slate-600">
        {t('auth.haveAccount')}{' '}
        <Link href="/sign-in" className="font-medium text-indigo-700 underline">
          {t('auth.signIn')}
        </Link>
      </p>
    </div>
  );
}
