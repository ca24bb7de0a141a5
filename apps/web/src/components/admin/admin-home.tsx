'use client';

import Link from 'next/link';
import { useI18n } from '../../i18n/client';
import { PersonalModelsSettings } from './personal-models-settings';
import { RetentionSettings } from './retention-settings';
import { SpendCapsSettings } from './spend-caps-settings';
import { StudentData } from './student-data';
import { TeacherAccounts } from './teacher-accounts';

/**
 * The school admin's page: teacher accounts, what the school may spend and on which models outside classes, what is
 * kept about students and for how long, and who read it.
 */
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
      <TeacherAccounts />
      <SpendCapsSettings />
      <PersonalModelsSettings />
      <RetentionSettings />
      <StudentData />
    </main>
  );
}
