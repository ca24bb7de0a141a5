'use client';

import { useQueryClient } from '@tanstack/react-query';
import { signOut } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useI18n } from '../i18n/client';

export function SignOutButton() {
  const { t } = useI18n();
  const router = useRouter();
  const queryClient = useQueryClient();

  async function leave() {
    // Auth.js would answer with an absolute address (AUTH_URL's, when set); a relative one keeps the address the
    // student used. Nothing the signed-in pages cached may outlive the session on a shared device.
    await signOut({ redirect: false });
    queryClient.clear();
    router.replace('/sign-in');
    router.refresh();
  }

  return (
    <button type="button" className="btn-ghost text-sm" onClick={() => void leave()}>
      {t('nav.signOut')}
    </button>
  );
}
