'use client';

import Link from 'next/link';
import { useI18n } from '../../i18n/client';
import { RetentionSettings } from './retention-settings';
import { StudentData } from './student-data';

/** The school admin's page: what is kept about students and for how long, and who read it. */
export function AdminHome() {
  const { t } = useI18n();
  return (
    <main className="mx-auto w-full max-w-5xl space-y-4 px-4 py-6">
      <h1 className="text-2xl font-semibold">{t('admin.title')}</h1>
      <p className="text-sm">
        <Link href="/admin/privacy" className="text-indigo-700 underline">
          {t('privacy.accessLog')}
        </Link>
      </p>
      <RetentionSettings />
      <StudentData />
    </main>
  );
}
