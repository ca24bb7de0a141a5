'use client';

import { useI18n } from '../i18n/client';

/** A settings form's submit button and, beside it, the "Saved" a screen reader announces once the save lands. */
export function SaveButton({
  label,
  pending,
  saved,
  secondary = false,
}: {
  label: string;
  pending: boolean;
  saved: boolean;
  secondary?: boolean;
}) {
  const { t } = useI18n();
  return (
    <>
      <button type="submit" className={secondary ? 'btn-secondary' : 'btn-primary'} disabled={pending}>
        {label}
      </button>
      <p role="status" className="text-sm text-emerald-700">
        {saved && !pending ? t('dash.saved') : ''}
      </p>
    </>
  );
}
