'use client';

import { useI18n } from '../i18n/client';
import { clockTime, localizeError, type UiError } from '../lib/app-error';

/**
 * A failure, when it resets, and a way to try again. A known code is shown in the UI language, never the server's
 * English; pass `code: null` to show a message of the caller's own.
 */
export function ErrorNotice({ error: raw, onRetry }: { error: UiError; onRetry?: () => void }) {
  const { t, locale } = useI18n();
  const error = localizeError(raw, t);
  return (
    <div
      role="alert"
      className="flex flex-wrap items-center gap-3 rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800"
    >
      <p className="flex-1">
        {error.message}
        {error.tokensLeft ? <> {t('common.tokensLeft', { left: error.tokensLeft.toLocaleString(locale) })}</> : null}
        {error.resetAt && <> {t('common.resetsAt', { time: clockTime(error.resetAt, locale) })}</>}
      </p>
      {onRetry && (
        <button type="button" onClick={onRetry} className="btn-secondary">
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}
