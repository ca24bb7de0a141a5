'use client';

import { useI18n } from '../../i18n/client';

export interface DayRange {
  from: string;
  to: string;
}

/** "From" and "To" day pickers that never let the range turn inside out. */
export function DateRangeFields({ range, onChange }: { range: DayRange; onChange: (next: DayRange) => void }) {
  const { t } = useI18n();
  return (
    <>
      <label className="text-xs text-slate-600">
        {t('dash.from')}
        <input
          type="date"
          className="input mt-1"
          value={range.from}
          max={range.to}
          onChange={(e) => e.target.value && onChange({ ...range, from: e.target.value })}
        />
      </label>
      <label className="text-xs text-slate-600">
        {t('dash.to')}
        <input
          type="date"
          className="input mt-1"
          value={range.to}
          min={range.from}
          onChange={(e) => e.target.value && onChange({ ...range, to: e.target.value })}
        />
      </label>
    </>
  );
}
