'use client';

import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../../i18n/client';
import { useTRPC } from '../../trpc/client';

/** Said on the teacher's page while an admin has not approved the account: why "Create class" will not work yet. */
export function ApprovalNotice() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const me = useQuery(trpc.account.me.queryOptions());
  if (!me.data?.pendingApproval) return null;
  return (
    <p role="status" className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
      {t('teacher.pendingApproval')}
    </p>
  );
}
