'use client';

import Link from 'next/link';
import { useI18n } from '../../i18n/client';
import { isMessageKey } from '../../i18n/locale';
import type { LiveFlag } from './use-live-flags';

/** Announces a flag raised while the dashboard is open (a polite live region, so screen readers hear it too). */
export function LiveFlagNotice({ flag }: { flag: LiveFlag | null }) {
  const { t } = useI18n();
  const category = flag?.categories[0]?.category ?? '';
  const key = `flag.${category}`;
  return (
    <div aria-live="polite" className="empty:hidden">
      {flag && (
        <p
          className="rounded-lg border border-red-300 bg-red-50 px-4 py-2 text-sm text-red-900"
          data-testid="live-flag"
        >
          {t('dash.liveFlag', { name: flag.studentName, category: isMessageKey(key) ? t(key) : category })}{' '}
          <Link href={`/teacher/classes/${flag.classId}?tab=flags`} className="font-medium underline">
            {t('dash.reviewNow')}
          </Link>
        </p>
      )}
    </div>
  );
}
