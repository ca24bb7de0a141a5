'use client';

import { useI18n } from '../../i18n/client';
import { isMessageKey } from '../../i18n/locale';

/** A flag's categories with their scores, named in the UI language where Lumi knows the category. */
export function FlagCategories({
  categories,
  refused,
}: {
  categories: Array<{ category: string; score: number }>;
  refused: boolean;
}) {
  const { t } = useI18n();
  return (
    <p className="flex flex-wrap items-center gap-1.5 text-sm">
      {categories.map((c) => {
        const key = `flag.${c.category}`;
        return (
          <span key={c.category} className="rounded bg-red-100 px-2 py-0.5 font-medium text-red-800">
            {isMessageKey(key) ? t(key) : c.category} · {Math.round(c.score * 100)}%
          </span>
        );
      })}
      {refused && <span className="rounded bg-slate-200 px-2 py-0.5 text-xs text-slate-700">{t('dash.refused')}</span>}
    </p>
  );
}
