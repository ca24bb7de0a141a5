'use client';

import { useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '../i18n/client';
import { toUiError } from '../lib/app-error';
import { useTRPC } from '../trpc/client';
import { ErrorNotice } from './error-notice';

const DAYS = 14;

/** Tokens per day over the last two weeks: easier to take in as bars than as a table. */
export function UsageChart() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const usage = useQuery(trpc.usage.daily.queryOptions({ days: DAYS }));
  const fmt = new Intl.NumberFormat(locale === 'zh' ? 'zh-CN' : 'en');
  const dayLabel = new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en', {
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
  const data = usage.data?.map((d) => ({ ...d, label: dayLabel.format(new Date(`${d.day}T00:00:00Z`)) }));
  const total = data?.reduce((sum, d) => sum + d.tokens, 0) ?? 0;

  return (
    <section className="card space-y-3" aria-labelledby="usage-title">
      <h2 id="usage-title" className="text-lg font-semibold">
        {t('home.usage', { days: String(DAYS) })}
      </h2>
      {usage.isPending && <p className="text-sm text-slate-500">{t('common.loading')}</p>}
      {usage.error && <ErrorNotice error={toUiError(usage.error)} onRetry={() => void usage.refetch()} />}
      {data && total === 0 && <p className="text-sm text-slate-500">{t('home.usageEmpty')}</p>}
      {data && total > 0 && (
        <>
          {/* The chart is for the eye; screen readers get the same figures as a sentence. */}
          <p className="sr-only">{t('home.usageSummary', { tokens: fmt.format(total), days: String(DAYS) })}</p>
          <div className="h-48" aria-hidden="true">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
                <CartesianGrid vertical={false} stroke="#e2e8f0" />
                <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
                <YAxis tick={{ fontSize: 11 }} width={48} tickFormatter={(v: number) => fmt.format(v)} />
                <Tooltip formatter={(v) => [fmt.format(Number(v)), t('home.usageTokens')]} />
                <Bar dataKey="tokens" fill="#6366f1" radius={[3, 3, 0, 0]} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        </>
      )}
    </section>
  );
}
