import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { auth } from '../auth';
import { LanguageSwitcher } from '../components/language-switcher';
import { SignOutButton } from '../components/sign-out-button';
import { I18nProvider } from '../i18n/client';
import { translator } from '../i18n/locale';
import { requestLocale } from '../i18n/server';
import { TrpcProviders } from '../trpc/client';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const t = translator(await requestLocale());
  return { title: 'Lumi', description: t('app.tagline') };
}

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, session] = await Promise.all([requestLocale(), auth()]);
  const user = session?.user;
  return (
    <html lang={locale === 'zh' ? 'zh-CN' : 'en'}>
      <body className="flex min-h-dvh flex-col bg-slate-50 font-sans text-slate-900 antialiased">
        <I18nProvider locale={locale}>
          <TrpcProviders>
            <header className="flex items-center gap-3 border-b border-slate-200 bg-white px-4 py-2">
              <Link href="/" className="text-lg font-semibold tracking-tight text-indigo-700">
                Lumi
              </Link>
              <div className="ml-auto flex items-center gap-3">
                {user?.name && <span className="hidden text-sm text-slate-600 sm:inline">{user.name}</span>}
                <LanguageSwitcher signedIn={Boolean(user)} />
                {user && <SignOutButton />}
              </div>
            </header>
            <div className="flex flex-1 flex-col">{children}</div>
          </TrpcProviders>
        </I18nProvider>
      </body>
    </html>
  );
}
