'use client';

import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useI18n } from '../../i18n/client';
import { isMessageKey } from '../../i18n/locale';
import { toUiError } from '../../lib/app-error';
import { useTRPC } from '../../trpc/client';
import { ErrorNotice } from '../error-notice';
import { useFormat, utcDayString } from './format';
import { DateRangeFields } from './date-range-fields';

const PALETTE = ['#6366f1', '#10b981', '#f59e0b', '#ef4444', '#0ea5e9', '#a855f7', '#14b8a6', '#f97316', '#64748b'];
const PRESETS = [7, 30, 90] as const;

/** Tokens or cost per day stacked by model or mode, the top students, and activity by hour, for a chosen range. */
export function UsageCharts({ classId }: { classId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const format = useFormat();
  const [range, setRange] = useState({ from: utcDayString(29), to: utcDayString(0) });
  const [groupBy, setGroupBy] = useState<'model' | 'mode'>('model');
  const [metric, setMetric] = useState<'tokens' | 'costMicros'>('tokens');
  const timeZone = useMemo(() => Intl.DateTimeFormat().resolvedOptions().timeZone, []);
  const usage = useQuery(trpc.teacher.usage.queryOptions({ classId, ...range, groupBy, timeZone }));

  const label = (key: string) => {
    const modeKey = `mode.${key}`;
    return groupBy === 'mode' && isMessageKey(modeKey) ? t(modeKey) : key;
  };
  const show = (value: number) => (metric === 'tokens' ? format.tokens(value) : format.cost(value));
  const daily = usage.data?.days.map((d) => ({ label: format.day(d.day), ...d[metric] }));
  const top = usage.data?.topStudents.map((s) => ({ name: s.name, value: s[metric] }));
  const hours = usage.data?.byHour.map((h) => ({ label: String(h.hour).padStart(2, '0'), replies: h.replies }));

  return (
    <section className="space-y-4" aria-labelledby="usage-title">
      <div className="card flex flex-wrap items-end gap-3">
        <h2 id="usage-title" className="mr-auto text-lg font-semibold">
          {t('dash.tab.usage')}
        </h2>
        <div role="group" aria-label={t('dash.range')} className="flex gap-1">
          {PRESETS.map((days) => (
            <button
              key={days}
              type="button"
              className="btn-secondary"
              aria-pressed={range.from === utcDayString(days - 1) && range.to === utcDayString(0)}
              onClick={() => setRange({ from: utcDayString(days - 1), to: utcDayString(0) })}
            >
              {t('dash.lastDays', { days })}
            </button>
          ))}
        </div>
        <DateRangeFields range={range} onChange={setRange} />
        <label className="text-xs text-slate-600">
          {t('dash.stackBy')}
          <select
            className="input mt-1"
            value={groupBy}
            onChange={(e) => setGroupBy(e.target.value === 'mode' ? 'mode' : 'model')}
          >
            <option value="model">{t('dash.byModel')}</option>
            <option value="mode">{t('dash.byMode')}</option>
          </select>
        </label>
        <label className="text-xs text-slate-600">
          {t('dash.show')}
          <select
            className="input mt-1"
            value={metric}
            onChange={(e) => setMetric(e.target.value === 'costMicros' ? 'costMicros' : 'tokens')}
          >
            <option value="tokens">{t('dash.tokens')}</option>
            <option value="costMicros">{t('dash.cost')}</option>
          </select>
        </label>
      </div>
      {usage.error && <ErrorNotice error={toUiError(usage.error)} onRetry={() => void usage.refetch()} />}
      {usage.isPending && <p className="text-sm text-slate-500">{t('common.loading')}</p>}
      {usage.data && (
        <>
          <p className="text-sm" data-testid="usage-totals">
            {t('dash.totals', {
              tokens: format.tokens(usage.data.totals.tokens),
              cost: format.cost(usage.data.totals.costMicros),
              replies: format.tokens(usage.data.totals.events),
            })}
          </p>
          {usage.data.totals.events === 0 ? (
            <p className="card text-sm text-slate-500">{t('dash.noUsage')}</p>
          ) : (
            <div className="grid gap-4 lg:grid-cols-3">
              <figure className="card lg:col-span-3">
                <figcaption className="mb-2 text-sm font-medium">
                  {metric === 'tokens' ? t('dash.tokensPerDay') : t('dash.costPerDay')}
                </figcaption>
                <div className="h-72" aria-hidden="true" data-testid="daily-chart">
                  <ResponsiveContainer width="100%" height="100%">
                    <BarChart data={daily} margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
                      <CartesianGrid vertical={false} stroke="#e2e8f0" />
                      <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" />
                      <YAxis
                        tick={{ fontSize: 11 }}
                        width={64}
                        tickFormatter={(v: number) => (metric === 'tokens' ? format.compact(v) : format.cost(v))}
                      />
                      <Tooltip formatter={(value, name) => [show(Number(value)), label(String(name))]} />
                      <Legend formatter={(value) => label(String(value))} />
                      {usage.data.keys.map((key, i) => (
                        <Bar
                          key={key}
                          dataKey={key}
                          stackId="usage"
                          fill={PALETTE[i % PALETTE.length]}
                          isAnimationActive={false}
                        />
                      ))}
                    </BarChart>
                  </ResponsiveContainer>
                </div>
                <table className="sr-only">
                  <caption>{metric === 'tokens' ? t('dash.tokensPerDay') : t('dash.costPerDay')}</caption>
                  <tbody>
                    {usage.data.days.map((d) => (
                      <tr key={d.day}>
                        <th scope="row">{d.day}</th>
                        <td>{show(Object.values(d[metric]).reduce((s, v) => s + v, 0))}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </figure>
              <figure className="card lg:col-span-2">
                <figcaption className="mb-2 text-sm font-medium">{t('dash.topStudents')}</figcaption>
                <div className="h-64" aria-hidden="true" data-testid="top-chart">
                  <ResponsiveContainer width="100%" height="100%">
                    <BarChart data={top} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
                      <CartesianGrid horizontal={false} stroke="#e2e8f0" />
                      <XAxis
                        type="number"
                        tick={{ fontSize: 11 }}
                        tickFormatter={(v: number) => (metric === 'tokens' ? format.compact(v) : format.cost(v))}
                      />
                      <YAxis type="category" dataKey="name" tick={{ fontSize: 11 }} width={110} />
                      <Tooltip formatter={(value) => show(Number(value))} />
                      <Bar dataKey="value" fill="#6366f1" isAnimationActive={false} />
                    </BarChart>
                  </ResponsiveContainer>
                </div>
                <ol className="sr-only">
                  {usage.data.topStudents.map((s) => (
                    <li key={s.studentId}>
                      {s.name}: {show(s[metric])}
                    </li>
                  ))}
                </ol>
              </figure>
              <figure className="card">
                <figcaption className="mb-2 text-sm font-medium">{t('dash.byHour', { zone: timeZone })}</figcaption>
                <div className="h-64" aria-hidden="true" data-testid="hour-chart">
                  <ResponsiveContainer width="100%" height="100%">
                    <BarChart data={hours} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
                      <CartesianGrid vertical={false} stroke="#e2e8f0" />
                      <XAxis dataKey="label" tick={{ fontSize: 10 }} interval={3} />
                      <YAxis tick={{ fontSize: 11 }} width={36} allowDecimals={false} />
                      <Tooltip formatter={(value) => [format.tokens(Number(value)), t('dash.replies')]} />
                      <Bar dataKey="replies" fill="#10b981" isAnimationActive={false} />
                    </BarChart>
                  </ResponsiveContainer>
                </div>
                <ul className="sr-only">
                  {hours
                    ?.filter((h) => h.replies > 0)
                    .map((h) => (
                      <li key={h.label}>
                        {h.label}:00 · {t('dash.replies')}: {format.tokens(h.replies)}
                      </li>
                    ))}
                </ul>
              </figure>
            </div>
          )}
        </>
      )}
    </section>
  );
}
