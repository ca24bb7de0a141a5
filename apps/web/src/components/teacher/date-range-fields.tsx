'use client';

import { useI18n } from '../../i18n/client';

export interface DayRange {
  from: string;
  to: string;
}

/**
 * "From" and "To" day pickers that never let the range turn inside out. `optional`: either end may be left empty
 * (a filter); otherwise clearing a field keeps its day.
 */
export function DateRangeFields({
  range,
  onChange,
  optional = false,
}: {
  range: DayRange;
  onChange: (next: DayRange) => void;
  optional?: boolean;
}) {
  const { t } = useI18n();
  const keep = (day: string) => optional || day !== '';
  return (
    <>
      <label className="text-xs text-slate-600">
        {t('dash.from')}
        <input
          type="date"
          className="input mt-1"
          value={range.from}
          max={range.to || undefined}
          onChange={(e) => keep(e.target.value) && onChange({ ...range, from: e.target.value })}
        />
      </label>
      <label className="text-xs text-slate-600">
        {t('dash.to')}
        <input
          type="date"
          className="input mt-1"
          value={range.to}
          min={range.from || undefined}
          onChange={(e) => keep(e.target.value) && onChange({ ...range, to: e.target.value })}
        />
      </label>
    </>
  );
}
