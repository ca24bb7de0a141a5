'use client';

import type { Correction } from '@lumi/chat-core/practice';
import { Fragment } from 'react';
import { useI18n } from '../../i18n/client';

export interface Card {
  status: 'PENDING' | 'READY' | 'UNAVAILABLE';
  verdict: string | null;
  corrections: Correction[];
  corrected: string | null;
}

/** The learner's sentence with each error marked as a span of their own words. */
export function MarkedText({ text, corrections }: { text: string; corrections: Correction[] }) {
  const { t } = useI18n();
  const pieces: Array<{ text: string; correction?: Correction }> = [];
  let at = 0;
  for (const c of corrections) {
    if (c.start > at) pieces.push({ text: text.slice(at, c.start) });
    pieces.push({ text: text.slice(c.start, c.end), correction: c });
    at = c.end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at) });
  return (
    <span>
      {pieces.map((p, i) =>
        p.correction ? (
          <mark
            key={i}
            className="rounded bg-rose-100 px-0.5 text-rose-900 underline decoration-rose-500 decoration-wavy"
            title={`${t(`practice.error.${p.correction.type}`)}: ${p.correction.explanation}`}
            data-error-type={p.correction.type}
          >
            {p.text}
          </mark>
        ) : (
          <Fragment key={i}>{p.text}</Fragment>
        ),
      )}
    </span>
  );
}

/** The card beside a learner turn: checking, correct, the marked errors with explanations, or unavailable. */
export function CorrectionCard({ text, card, endOnly }: { text: string; card: Card | null; endOnly: boolean }) {
  const { t } = useI18n();
  const base = 'rounded-xl border px-3 py-2 text-sm';
  if (!card) {
    return (
      <div
        className={`${base} border-slate-200 bg-slate-50 text-slate-500`}
        data-testid="correction-card"
        data-state="waiting"
      >
        {endOnly ? t('practice.card.waiting') : t('practice.card.checking')}
      </div>
    );
  }
  if (card.status === 'PENDING') {
    return (
      <div
        className={`${base} border-slate-200 bg-slate-50 text-slate-500`}
        data-testid="correction-card"
        data-state="pending"
        aria-busy="true"
      >
        {t('practice.card.checking')}
      </div>
    );
  }
  if (card.status === 'UNAVAILABLE') {
    return (
      <div
        className={`${base} border-amber-200 bg-amber-50 text-amber-800`}
        data-testid="correction-card"
        data-state="unavailable"
      >
        {t('practice.card.unavailable')}
      </div>
    );
  }
  if (card.corrections.length === 0) {
    return (
      <div
        className={`${base} border-emerald-200 bg-emerald-50 text-emerald-800`}
        data-testid="correction-card"
        data-state="correct"
      >
        <p className="font-semibold">
          <span aria-hidden="true">✓ </span>
          {t('practice.card.correct')}
        </p>
        <p className="text-xs">{t('practice.card.correctNote')}</p>
      </div>
    );
  }
  return (
    <div className={`${base} border-rose-200 bg-white`} data-testid="correction-card" data-state="errors">
      <p className="sr-only">{t('practice.card.label')}</p>
      <p className="leading-relaxed">
        <MarkedText text={text} corrections={card.corrections} />
      </p>
      <p className="mt-1 text-emerald-800">
        <span className="text-xs font-semibold uppercase tracking-wide text-slate-500">
          {t('practice.card.corrected')}:{' '}
        </span>
        <span data-testid="corrected">{card.corrected}</span>
      </p>
      <ul className="mt-2 space-y-1">
        {card.corrections.map((c, i) => (
          <li key={i} className="text-xs text-slate-700">
            <span className="mr-1 rounded bg-rose-100 px-1.5 py-0.5 font-medium text-rose-800">
              {t(`practice.error.${c.type}`)}
            </span>
            <del className="text-rose-700">{c.original}</del> →{' '}
            <ins className="font-medium text-emerald-700 no-underline">{c.replacement || '∅'}</ins>
            <span className="ml-1">{c.explanation}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
