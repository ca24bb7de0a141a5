'use client';

import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { setLocaleCookie, useI18n } from '../i18n/client';
import { LOCALES, type Locale } from '../i18n/locale';
import { useTRPC } from '../trpc/client';

const NAMES: Record<Locale, string> = { en: 'English', zh: '中文' };

/** Stores the choice in a cookie (read by the server on the next render) and, when signed in, on the account. */
export function LanguageSwitcher({ signedIn }: { signedIn: boolean }) {
  const { locale, t } = useI18n();
  const router = useRouter();
  const trpc = useTRPC();
  const setLanguage = useMutation(trpc.account.setLanguage.mutationOptions());

  function choose(next: Locale) {
    setLocaleCookie(next);
    if (signedIn) setLanguage.mutate({ language: next === 'zh' ? 'ZH' : 'EN' });
    router.refresh();
  }

  return (
    <label className="flex items-center gap-2 text-sm">
      <span className="sr-only">{t('lang.label')}</span>
      <select
        value={locale}
        onChange={(e) => choose(e.target.value as Locale)}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
        aria-label={t('lang.label')}
      >
        {LOCALES.map((l) => (
          <option key={l} value={l}>
            {NAMES[l]}
          </option>
        ))}
      </select>
    </label>
  );
}
