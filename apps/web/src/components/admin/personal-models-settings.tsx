'use client';

import { useI18n } from '../../i18n/client';
import { fieldText, toUiError } from '../../lib/app-error';
import { useTRPC } from '../../trpc/client';
import { ErrorNotice } from '../error-notice';
import { SaveButton } from '../save-button';
import { useSpendingForm } from './use-spending-form';
import { modelLabel } from '../../lib/model-label';

/**
 * Which models students may use in sessions outside any class. Until an admin chooses, the cheap ones are open;
 * classes keep the models their teacher chose.
 */
export function PersonalModelsSettings() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { spending, values, edit, save, saved, submit } = useSpendingForm(
    (data) => data.personal.models,
    (onSuccess) => trpc.admin.setPersonalModels.mutationOptions({ onSuccess }),
  );

  if (spending.isPending) return <p className="text-sm text-slate-500">{t('common.loading')}</p>;
  if (spending.error) return <ErrorNotice error={toUiError(spending.error)} />;
  const { personal } = spending.data;
  const chosen = values!;
  const fieldErrors = toUiError(save.error).fieldErrors ?? {};

  return (
    <section className="card space-y-3" aria-labelledby="personal-models-title">
      <h2 id="personal-models-title" className="text-lg font-semibold">
        {t('admin.models.title')}
      </h2>
      <p className="text-sm text-slate-600">{t('admin.models.intro')}</p>
      {!personal.chosen && <p className="text-sm text-slate-600">{t('admin.models.default')}</p>}
      <form onSubmit={(event) => submit(event, { models: chosen })} className="space-y-3" noValidate>
        <fieldset className="grid gap-1 sm:grid-cols-2">
          <legend className="sr-only">{t('admin.models.title')}</legend>
          {personal.options.map((m) => (
            <label key={m.id} className="flex items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={chosen.includes(m.id)}
                onChange={(e) => edit(e.target.checked ? [...chosen, m.id] : chosen.filter((id) => id !== m.id))}
              />
              {modelLabel(m, t)}
              <span className="text-xs text-slate-500">
                {t('admin.models.price', { input: m.prices.input, output: m.prices.output })}
              </span>
            </label>
          ))}
        </fieldset>
        {fieldErrors.models?.map((m) => (
          <span key={m} className="field-error block">
            {fieldText(m, t)}
          </span>
        ))}
        <div className="flex items-center gap-3">
          <SaveButton label={t('admin.models.submit')} pending={save.isPending} saved={saved} />
        </div>
      </form>
      {save.error && !fieldErrors.models && <ErrorNotice error={toUiError(save.error)} />}
    </section>
  );
}
