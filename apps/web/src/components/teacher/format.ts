'use client';

import { useMemo } from 'react';
import { useI18n } from '../../i18n/client';

/** Numbers, money and times in the UI language. Costs are integer micro-dollars. */
export function useFormat() {
  const { locale } = useI18n();
  return useMemo(() => {
    const tag = locale === 'zh' ? 'zh-CN' : 'en-GB';
    const number = new Intl.NumberFormat(tag);
    const compact = new Intl.NumberFormat(tag, { notation: 'compact', maximumFractionDigits: 1 });
    const money = new Intl.NumberFormat(tag, {
      style: 'currency',
      currency: 'USD',
      currencyDisplay: 'narrowSymbol',
      minimumFractionDigits: 2,
      maximumFractionDigits: 4,
    });
    const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
    const shortDay = new Intl.DateTimeFormat(tag, { month: 'short', day: 'numeric', timeZone: 'UTC' });
    const relative = new Intl.RelativeTimeFormat(tag, { numeric: 'auto' });
    return {
      tokens: (n: number) => number.format(n),
      compact: (n: number) => compact.format(n),
      cost: (micros: number) => money.format(micros / 1_000_000),
      dateTime: (d: Date | string) => dateTime.format(new Date(d)),
      /** A `YYYY-MM-DD` UTC day, e.g. "3 Dec". */
      day: (day: string) => shortDay.format(new Date(`${day}T00:00:00Z`)),
      ago: (d: Date | string) => {
        const minutes = Math.round((new Date(d).getTime() - Date.now()) / 60_000);
        if (Math.abs(minutes) < 60) return relative.format(minutes, 'minute');
        if (Math.abs(minutes) < 48 * 60) return relative.format(Math.round(minutes / 60), 'hour');
        return relative.format(Math.round(minutes / 1440), 'day');
      },
    };
  }, [locale]);
}

/** `YYYY-MM-DD` of the UTC day `daysAgo` days before today. */
export function utcDayString(daysAgo = 0): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysAgo))
    .toISOString()
    .slice(0, 10);
}
