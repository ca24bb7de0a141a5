'use client';

import { useI18n } from '../../i18n/client';
import { useBudgetLeft } from '../budget-left';

/** This conversation's tokens, its cost when the viewer may see money, and what is left of today's budget. */
export function UsageMeter({
  tokens,
  costMicros,
  classId,
}: {
  tokens: number;
  /** Null unless the viewer may see money: students see tokens, not prices, unless their class shows them. */
  costMicros: number | null;
  classId: string | null;
}) {
  const { t, locale } = useI18n();
  const budget = useBudgetLeft(classId);
  const fmt = new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en');
  return (
    <p
      className="flex flex-wrap gap-x-3 text-xs text-slate-500"
      aria-label={t('meter.label')}
      data-testid="usage-meter"
    >
      <span>{t('meter.tokens', { tokens: fmt.format(tokens) })}</span>
      {costMicros !== null && <span>{t('meter.cost', { cost: formatDollars(costMicros) })}</span>}
      {budget && <span data-testid="budget-left">{t('meter.left', { left: fmt.format(budget.left) })}</span>}
      {budget && budget.extra > 0 && (
        <span className="text-emerald-700">{t('home.extraToday', { extra: fmt.format(budget.extra) })}</span>
      )}
    </p>
  );
}

/** Dollars with enough digits that a few cents' worth of tokens never reads as zero. */
function formatDollars(micros: number): string {
  return (micros / 1_000_000).toLocaleString('en', { maximumSignificantDigits: 2, maximumFractionDigits: 6 });
}
