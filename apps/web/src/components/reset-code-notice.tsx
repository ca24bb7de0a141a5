'use client';

import { useMutation } from '@tanstack/react-query';
import { useI18n } from '../i18n/client';
import { useTRPC } from '../trpc/client';
import { useFormat } from './teacher/format';

/**
 * Issuing one-time password reset codes (a teacher for a student of their class, an admin for a teacher or student):
 * `button` issues one for a person (after asking to confirm), `notice` shows the code just issued, once.
 */
export function useResetCode() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const reset = useMutation(trpc.passwordReset.issue.mutationOptions());
  const button = (userId: string, name: string, className: string) => (
    <button
      type="button"
      className={className}
      disabled={reset.isPending}
      onClick={() => {
        if (window.confirm(t('reset.issueConfirm', { name }))) reset.mutate({ userId });
      }}
    >
      {t('reset.issue')}
      <span className="sr-only"> {name}</span>
    </button>
  );
  const notice = reset.data ? <ResetCodeNotice {...reset.data} onDismiss={() => reset.reset()} /> : null;
  return { button, notice, error: reset.error };
}

/** The code just issued: the teacher (or admin) hands it, or the link, over in person. */
function ResetCodeNotice(props: { name: string; code: string; expiresAt: Date; onDismiss: () => void }) {
  const { t } = useI18n();
  const format = useFormat();
  const link = `${window.location.origin}/reset-password?code=${props.code}`;
  return (
    <div
      role="status"
      className="space-y-2 rounded-lg border border-indigo-200 bg-indigo-50 p-4 text-sm"
      data-testid="reset-code"
    >
      <p className="font-medium">{t('reset.issued', { name: props.name })}</p>
      <p>
        <code className="rounded bg-white px-2 py-1 font-mono text-lg tracking-widest">{props.code}</code>
      </p>
      <p>{t('reset.issuedHelp', { name: props.name, time: format.dateTime(props.expiresAt) })}</p>
      <p className="break-all font-mono text-xs">{link}</p>
      <button type="button" className="btn-secondary" onClick={props.onDismiss}>
        {t('reset.dismiss')}
      </button>
    </div>
  );
}
