'use client';

import { useI18n } from '../../i18n/client';
import { fieldText } from '../../lib/app-error';

/** A cap in US dollars; empty means no cap. */
export function UsdField({
  label,
  value,
  onChange,
  errors,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[];
}) {
  const { t } = useI18n();
  return (
    <label className="text-sm font-medium">
      {label}
      <input
        type="number"
        min={0}
        step="0.01"
        inputMode="decimal"
        className="input mt-1 block w-36"
        placeholder={t('admin.caps.none')}
        value={value}
        aria-invalid={Boolean(errors?.length)}
        onChange={(e) => onChange(e.target.value)}
      />
      {errors?.map((m) => (
        <span key={m} className="field-error block">
          {fieldText(m, t)}
        </span>
      ))}
    </label>
  );
}

/** The field's text as the API's dollars: blank is no cap (null); anything else a number, checked by the server. */
export const usdValue = (text: string): number | null => (text.trim() === '' ? null : Number(text));
/** Dollars as the field shows them. */
export const usdText = (usd: number | null): string => (usd === null ? '' : String(usd));
