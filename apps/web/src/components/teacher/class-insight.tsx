'use client';

import type { InsightSource } from '@lumi/api/schemas';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { useI18n } from '../../i18n/client';
import { localizeError, toUiError } from '../../lib/app-error';
import { useTRPC } from '../../trpc/client';
import { ErrorNotice } from '../error-notice';
import { useFormat } from './format';

const WEEKS = 8;

/** The Mondays (UTC) of this week and the weeks before it, newest first, as YYYY-MM-DD. */
function recentWeeks(now = new Date()): string[] {
  const monday = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - ((now.getUTCDay() + 6) % 7));
  return Array.from({ length: WEEKS }, (_, i) => new Date(monday - i * 7 * 86_400_000).toISOString().slice(0, 10));
}

/**
 * The class's week as an AI-written summary in the teacher's language: what they worked on, likely misconceptions
 * and who may need help, each claim linked to the messages behind it. Written on demand once, then kept.
 */
export function ClassInsight({ classId }: { classId: string }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const format = useFormat();
  const weeks = recentWeeks();
  const [weekStart, setWeekStart] = useState(weeks[0]!);
  const input = { classId, weekStart, language: locale };
  const insight = useQuery(trpc.teacher.insight.queryOptions(input));
  const generate = useMutation(
    trpc.teacher.generateInsight.mutationOptions({
      onSuccess: (data) => queryClient.setQueryData(trpc.teacher.insight.queryKey(input), data),
    }),
  );

  return (
    <section className="card space-y-4" aria-labelledby="insight-title" data-testid="class-insight">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="insight-title" className="text-lg font-semibold">
          {t('insight.title')}
        </h2>
        <label className="text-sm">
          {t('insight.week')}{' '}
          <select className="input w-auto" value={weekStart} onChange={(e) => setWeekStart(e.target.value)}>
            {weeks.map((w) => (
              <option key={w} value={w}>
                {t('insight.weekOf', { day: format.day(w) })}
              </option>
            ))}
          </select>
        </label>
      </div>
      {insight.isPending && <p className="text-sm text-slate-500">{t('common.loading')}</p>}
      {insight.error && <ErrorNotice error={localizeError(toUiError(insight.error), t)} />}
      {insight.data === null && (
        <div className="space-y-2">
          <p className="text-sm text-slate-600">{t('insight.intro')}</p>
          <button
            type="button"
            className="btn-primary"
            disabled={generate.isPending}
            onClick={() => generate.mutate(input)}
          >
            {generate.isPending ? t('insight.writing') : t('insight.write')}
          </button>
          {generate.error && <ErrorNotice error={localizeError(toUiError(generate.error), t)} />}
        </div>
      )}
      {insight.data && (
        <div className="space-y-4">
          {insight.data.messageCount === 0 ? (
            <p className="text-sm text-slate-500">{t('insight.quiet')}</p>
          ) : (
            <p data-testid="insight-summary">{insight.data.content.summary}</p>
          )}
          <ClaimList
            title={t('insight.topics')}
            classId={classId}
            claims={insight.data.content.topics.map((c) => ({
              heading: c.title,
              detail: c.detail,
              sources: c.sources,
            }))}
          />
          <ClaimList
            title={t('insight.misconceptions')}
            classId={classId}
            claims={insight.data.content.misconceptions.map((c) => ({
              heading: c.title,
              detail: c.detail,
              sources: c.sources,
            }))}
          />
          <ClaimList
            title={t('insight.students')}
            classId={classId}
            claims={insight.data.content.students.map((s) => ({
              heading: s.name,
              detail: s.reason,
              sources: s.sources,
            }))}
          />
          <p className="text-xs text-slate-500">
            {t('insight.written', {
              when: format.dateTime(insight.data.createdAt),
              model: insight.data.model,
              count: insight.data.messageCount,
            })}
          </p>
        </div>
      )}
    </section>
  );
}

function ClaimList(props: {
  title: string;
  classId: string;
  claims: Array<{ heading: string; detail: string; sources: InsightSource[] }>;
}) {
  const { t } = useI18n();
  if (props.claims.length === 0) return null;
  return (
    <div>
      <h3 className="font-medium">{props.title}</h3>
      <ul className="mt-1 space-y-2">
        {props.claims.map((c, i) => (
          <li key={i} className="rounded-lg border border-slate-200 p-3 text-sm" data-testid="insight-claim">
            <p className="font-medium">{c.heading}</p>
            <p className="text-slate-700">{c.detail}</p>
            <p className="mt-1 flex flex-wrap gap-2 text-xs">
              {c.sources.map((s, n) => (
                <Link
                  key={s.id}
                  href={`/teacher/classes/${props.classId}/conversations/${s.conversationId}?m=${s.id}#m-${s.id}`}
                  className="text-indigo-700 underline"
                >
                  {t('insight.source', { n: n + 1 })}
                </Link>
              ))}
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
