'use client';

import type { RoleplayReport, Scenario } from '@lumi/chat-core/practice';
import { localize } from '@lumi/chat-core/practice';
import { useI18n } from '../../i18n/client';
import { MarkedText } from './correction-card';

const SCORES = ['taskCompletion', 'accuracy', 'vocabularyRange', 'fluency'] as const;

/** Four scores as bars: quicker to take in than numbers alone, and each bar still says its number. */
export function ScoreBars({ scores }: { scores: RoleplayReport['scores'] }) {
  const { t } = useI18n();
  return (
    <ul className="space-y-2" aria-label={t('practice.report.scores')}>
      {SCORES.map((key) => (
        <li key={key} className="text-sm" data-testid={`score-${key}`}>
          <div className="flex justify-between">
            <span>{t(`practice.score.${key}`)}</span>
            <span className="font-semibold tabular-nums">{scores[key]}</span>
          </div>
          <div
            className="mt-1 h-2 rounded bg-slate-200"
            role="meter"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={scores[key]}
            aria-label={t(`practice.score.${key}`)}
          >
            <div className="h-2 rounded bg-indigo-500" style={{ width: `${scores[key]}%` }} />
          </div>
        </li>
      ))}
    </ul>
  );
}

/** The end-of-roleplay report: scores, the level as an estimate with its evidence, every correction, words to review. */
export function RoleplayReportView({ report, scenario }: { report: RoleplayReport; scenario: Scenario }) {
  const { t, locale } = useI18n();
  const objectiveText = new Map(scenario.objectives.map((o) => [o.id, localize(o.text, locale)]));
  return (
    <section className="card space-y-5" aria-labelledby="report-title" data-testid="report">
      <h2 id="report-title" className="text-xl font-semibold">
        {t('practice.report.title')}
      </h2>
      {report.summary && <p className="text-slate-700">{report.summary}</p>}
      <div className="grid gap-6 md:grid-cols-2">
        <ScoreBars scores={report.scores} />
        <div>
          <p className="font-semibold" data-testid="estimated-level">
            {t('practice.report.level', { level: report.level.level })}
          </p>
          <p className="mt-1 text-xs text-slate-500">{t('practice.report.levelNote')}</p>
          <ul className="mt-2 space-y-1 text-sm">
            {report.level.evidence.map((e, i) => (
              <li key={i}>
                {e.quote && <q className="italic text-slate-700">{e.quote}</q>} {e.note}
              </li>
            ))}
          </ul>
        </div>
      </div>
      <div>
        <h3 className="font-semibold">{t('practice.goal')}</h3>
        <ul className="mt-1 space-y-1 text-sm">
          {report.objectives.map((o) => (
            <li key={o.id} className={o.met ? 'text-emerald-700' : 'text-slate-500'}>
              <span aria-hidden="true">{o.met ? '☑' : '☐'} </span>
              <span className="sr-only">{o.met ? t('practice.objective.met') : t('practice.objective.open')}: </span>
              {objectiveText.get(o.id)}
            </li>
          ))}
        </ul>
      </div>
      <div>
        <h3 className="font-semibold">{t('practice.report.corrections')}</h3>
        {report.corrections.length === 0 ? (
          <p className="text-sm text-slate-500">{t('practice.report.noCorrections')}</p>
        ) : (
          <ul className="mt-1 space-y-2 text-sm">
            {report.corrections.map((c) => (
              <li key={c.turnIndex} className="rounded-lg border border-slate-200 p-2">
                <MarkedText text={c.text} corrections={c.corrections} />
                <p className="text-emerald-800">→ {c.corrected}</p>
                <ul className="text-xs text-slate-600">
                  {c.corrections.map((x, i) => (
                    <li key={i}>
                      {t(`practice.error.${x.type}`)}: {x.explanation}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
        {report.ungradedTurns > 0 && (
          <p className="mt-1 text-xs text-amber-700">
            {t('practice.report.ungraded', { count: report.ungradedTurns })}
          </p>
        )}
      </div>
      {report.reviewWords.length > 0 && (
        <div>
          <h3 className="font-semibold">{t('practice.report.words')}</h3>
          <ul className="mt-1 flex flex-wrap gap-2 text-sm" data-testid="review-words">
            {report.reviewWords.map((w) => (
              <li key={w.word} className="rounded-lg bg-indigo-50 px-2 py-1">
                <span className="font-medium">{w.word}</span>
                {w.pinyin && <span className="ml-1 text-indigo-700">{w.pinyin}</span>}
                {w.gloss && <span className="ml-1 text-slate-600">· {w.gloss}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
