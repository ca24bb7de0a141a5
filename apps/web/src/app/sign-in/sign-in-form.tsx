'use client';

import { useQueryClient } from '@tanstack/react-query';
import { signIn } from 'next-auth/react';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { hasLocaleCookie, setLocaleCookie, useI18n } from '../../i18n/client';
import type { MessageKey } from '../../i18n/en';
import { clockTime } from '../../lib/app-error';
import { useTRPC } from '../../trpc/client';

const PROVIDER_NAMES: Record<string, string> = { github: 'GitHub', google: 'Google' };

/** `notice`: why an OAuth sign-in came back here, if it did. */
export function SignInForm({ providers, notice }: { providers: string[]; notice: MessageKey | null }) {
  const { t, locale } = useI18n();
  const router = useRouter();
  const [error, setError] = useState<string | null>(notice && t(notice));
  const [pending, setPending] = useState(false);
  const trpc = useTRPC();
  const queryClient = useQueryClient();

  /** Without a language picked on this device, the account's saved language applies. */
  async function adoptAccountLanguage() {
    if (hasLocaleCookie()) return;
    const me = await queryClient.fetchQuery(trpc.account.me.queryOptions()).catch(() => null);
    if (me) setLocaleCookie(me.language === 'ZH' ? 'zh' : 'en');
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn('credentials', {
      email: form.get('email'),
      password: form.get('password'),
      redirect: false,
    });
    setPending(false);
    if (result?.error) {
      // The provider reports a lock as `locked:<ISO time>`.
      const resetAt = result.code?.startsWith('locked:') ? result.code.slice('locked:'.length) : null;
      setError(resetAt ? t('auth.locked', { time: clockTime(resetAt, locale) }) : t('auth.invalid'));
      return;
    }
    await adoptAccountLanguage();
    router.replace('/');
    router.refresh();
  }

  return (
    <div className="card space-y-5">
      <h1 className="text-2xl font-semibold">{t('auth.signInTitle')}</h1>
      <form onSubmit={(event) => void submit(event)} method="post" className="space-y-4" noValidate>
        <label className="block text-sm font-medium">
          {t('auth.email')}
          <input name="email" type="email" autoComplete="email" required className="input mt-1" />
        </label>
        <label className="block text-sm font-medium">
          {t('auth.password')}
          <input name="password" type="password" autoComplete="current-password" required className="input mt-1" />
        </label>
        {error && (
          <p role="alert" className="text-sm text-red-700">
            {error}
          </p>
        )}
        <button type="submit" className="btn-primary w-full" disabled={pending}>
          {pending ? t('common.loading') : t('auth.signIn')}
        </button>
      </form>
      {providers.map((id) => (
        <button
          key={id}
          type="button"
          className="btn-secondary w-full"
          onClick={() => void signIn(id, { redirectTo: '/' })}
        >
          {t('auth.withProvider', { provider: PROVIDER_NAMES[id] ?? id })}
        </button>
      ))}
      <p className="text-sm text-slate-600">
        <Link href="/reset-password" className="font-medium text-indigo-700 underline">
          {t('auth.forgot')}
        </Link>
      </p>
      <p className="text-sm text-slate-600">
        {t('auth.noAccount')}{' '}
        <Link href="/sign-up" className="font-medium text-indigo-700 underline">
          {t('auth.signUp')}
        </Link>
      </p>
    </div>
  );
}
