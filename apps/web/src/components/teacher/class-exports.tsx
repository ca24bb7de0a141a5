'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useI18n } from '../../i18n/client';
import { toUiError } from '../../lib/app-error';
import { useTRPCClient } from '../../trpc/client';
import { ErrorNotice } from '../error-notice';
import { download } from './download';
import { utcDayString } from './format';
import { DateRangeFields } from './date-range-fields';

/** CSV files for spreadsheets (usage, roster, flags) and every transcript as one archive. Each export is logged. */
export function ClassExports({ classId }: { classId: string }) {
  const { t } = useI18n();
  const client = useTRPCClient();
  const [range, setRange] = useState({ from: utcDayString(29), to: utcDayString(0) });
  const run = useMutation({
    mutationFn: async (kind: 'usage' | 'roster' | 'flags' | 'transcripts') => {
      const file =
        kind === 'usage'
          ? await client.teacher.exportUsage.query({ classId, ...range })
          : kind === 'roster'
            ? await client.teacher.exportRoster.query({ classId })
            : kind === 'flags'
              ? await client.teacher.exportFlags.query({ classId })
              : await client.teacher.exportTranscripts.query({ classId });
      download(file);
    },
  });

  const button = (kind: 'usage' | 'roster' | 'flags' | 'transcripts', label: string) => (
    <button type="button" className="btn-secondary" disabled={run.isPending} onClick={() => run.mutate(kind)}>
      {label}
    </button>
  );

  return (
    <section className="card space-y-4" aria-labelledby="exports-title">
      <h2 id="exports-title" className="text-lg font-semibold">
        {t('dash.tab.exports')}
      </h2>
      <p className="text-sm text-slate-600">{t('dash.exportsNote')}</p>
      <div className="flex flex-wrap items-end gap-3">
        <DateRangeFields range={range} onChange={setRange} />
        {button('usage', t('dash.exportUsage'))}
      </div>
      <div className="flex flex-wrap gap-3">
        {button('roster', t('dash.exportRoster'))}
        {button('flags', t('dash.exportFlags'))}
        {button('transcripts', t('dash.exportTranscripts'))}
      </div>
      {run.isPending && <p className="text-sm text-slate-500">{t('dash.exporting')}</p>}
      {run.error && <ErrorNotice error={toUiError(run.error)} />}
    </section>
  );
}
