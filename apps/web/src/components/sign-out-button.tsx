'use client';

import { signOut } from 'next-auth/react';
import { useI18n } from '../i18n/client';

export function SignOutButton() {
  const { t } = useI18n();
  return (
    <button type="button" className="btn-ghost text-sm" onClick={() => void signOut({ redirectTo: '/sign-in' })}>
      {t('nav.signOut')}
    </button>
  );
}
