import Link from 'next/link';
import { translator } from '../i18n/locale';
import { requestLocale } from '../i18n/server';

/** Any address Lumi does not have (and any page that calls notFound()), in the visitor's language. */
export default async function NotFound() {
  const t = translator(await requestLocale());
  return (
    <main className="mx-auto w-full max-w-md space-y-4 px-4 py-16 text-center">
      <p className="text-5xl font-semibold text-indigo-700">404</p>
      <h1 className="text-2xl font-semibold">{t('notFound.title')}</h1>
      <p className="text-slate-600">{t('notFound.body')}</p>
      <Link href="/" className="btn-primary inline-block">
        {t('notFound.home')}
      </Link>
    </main>
  );
}
