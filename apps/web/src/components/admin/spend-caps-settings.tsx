'use client';

import type { FormEvent } from 'react';
import { useI18n } from '../../i18n/client';
import { toUiError } from '../../lib/app-error';
import { useTRPC } from '../../trpc/client';
import { ErrorNotice } from '../error-notice';
import { SaveButton } from '../save-button';
import { useFormat } from '../teacher/format';
import { UsdField, usdText, usdValue } from './usd-field';
import { useSpendingForm } from './use-spending-form';

const FIELDS = ['dayUsd', 'monthUsd', 'teacherDayUsd', 'teacherMonthUsd'] as const;
type Field = (typeof FIELDS)[number];

/**
 * The most the school's model key may spend per UTC day and month, for the whole school and for each teacher's
 * classes together; empty is no cap. Until saved, the server's LUMI_SPEND_CAP_* settings apply.
 */
export function SpendCapsSettings() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const format = useFormat();
  const { spending, values, edit, save, saved, submit } = useSpendingForm(
    (data) => Object.fromEntries(FIELDS.map((f) => [f, usdText(data.caps[f])])) as Record<Field, string>,
    (onSuccess) => trpc.admin.setSpendCaps.mutationOptions({ onSuccess }),
  );

  if (spending.isPending) return <p className="text-sm text-slate-500">{t('common.loading')}</p>;
  if (spending.error) return <ErrorNotice error={toUiError(spending.error)} />;
  const { caps, spentUsd } = spending.data;
  const form = values!;
  const fieldErrors = toUiError(save.error).fieldErrors ?? {};
  const labels: Record<Field, string> = {
    dayUsd: t('admin.caps.day'),
    monthUsd: t('admin.caps.month'),
    teacherDayUsd: t('admin.caps.teacherDay'),
    teacherMonthUsd: t('admin.caps.teacherMonth'),
  };

  const saveCaps = (event: FormEvent) =>
    submit(event, {
      dayUsd: usdValue(form.dayUsd),
      monthUsd: usdValue(form.monthUsd),
      teacherDayUsd: usdValue(form.teacherDayUsd),
      teacherMonthUsd: usdValue(form.teacherMonthUsd),
    });

  return (
    <section className="card space-y-3" aria-labelledby="caps-title">
      <h2 id="caps-title" className="text-lg font-semibold">
        {t('admin.caps.title')}
      </h2>
      <p className="text-sm text-slate-600">{t('admin.caps.intro')}</p>
      <p className="text-sm text-slate-600" data-testid="caps-spent">
        {t('admin.caps.spent', {
          day: format.cost(Math.round(spentUsd.day * 1e6)),
          month: format.cost(Math.round(spentUsd.month * 1e6)),
        })}
      </p>
      {!caps.saved && <p className="text-sm text-slate-600">{t('admin.caps.fromEnv')}</p>}
      <form onSubmit={saveCaps} className="flex flex-wrap items-end gap-3" noValidate>
        {FIELDS.map((f) => (
          <UsdField
            key={f}
            label={labels[f]}
            value={form[f]}
            errors={fieldErrors[f]}
            onChange={(value) => edit({ ...form, [f]: value })}
          />
        ))}
        <SaveButton label={t('admin.caps.submit')} pending={save.isPending} saved={saved} />
      </form>
      {save.error && Object.keys(fieldErrors).length === 0 && <ErrorNotice error={toUiError(save.error)} />}
    </section>
  );
}
