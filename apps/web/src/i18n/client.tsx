'use client';

import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { LOCALE_COOKIE, translator, type Locale, type Translate } from './locale';

const I18nContext = createContext<{ locale: Locale; t: Translate } | null>(null);

export function I18nProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  const value = useMemo(() => ({ locale, t: translator(locale) }), [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n() {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n needs an I18nProvider above it.');
  return value;
}

/** Remembers the language on this device for a year; the server reads it on the next render. */
export function setLocaleCookie(locale: Locale) {
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax`;
}

export function hasLocaleCookie(): boolean {
  return document.cookie.split('; ').some((c) => c.startsWith(`${LOCALE_COOKIE}=`));
}
