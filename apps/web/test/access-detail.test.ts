import type { AccessDetail } from '@lumi/api/schemas';
import { expect, it } from 'vitest';
import { accessDetail } from '../src/components/admin/access-detail';
import { translator } from '../src/i18n/locale';
import { isEnglish } from '../e2e/english';

// One detail of each kind the API writes (packages/api: recordAccess, recordOverseerRead and recordListRead
// callers); the search and the exercise's title are people's words.
const WRITTEN: AccessDetail[] = [
  { kind: 'session' },
  { kind: 'liveReply' },
  { kind: 'oneSession', format: 'markdown' },
  { kind: 'practice', title: 'Ordering at a café' },
  { kind: 'sessionsInRange', count: 12, from: '2026-11-01', to: '2026-11-30' },
  { kind: 'sessions', count: 12 },
  { kind: 'usageRows', count: 40, from: '2026-11-01', to: '2026-11-30' },
  { kind: 'flags', count: 3 },
  { kind: 'flagExcerpts', count: 4 },
  { kind: 'search', query: 'photosynthesis', count: 7 },
  { kind: 'deleted', sessions: 4, messages: 31, usage: 12 },
  { kind: 'exported', sessions: 4, usage: 12 },
];
const PEOPLE = ['Ordering at a café', 'photosynthesis'];

it('shows every kind of detail in Chinese and in English, keeping its numbers, dates and people’s words', () => {
  for (const locale of ['zh', 'en'] as const) {
    const t = translator(locale);
    for (const detail of WRITTEN) {
      const shown = accessDetail(detail, t);
      if (locale === 'zh') expect(isEnglish(shown, PEOPLE), `${detail.kind} -> ${shown}`).toBe(false);
      const { kind: _kind, ...values } = detail;
      for (const value of Object.values(values)) expect(shown, detail.kind).toContain(String(value));
    }
  }
});

it('shows a sentence from before details were facts as written, and nothing for no detail', () => {
  expect(accessDetail({ kind: 'text', text: 'something old' }, translator('zh'))).toBe('something old');
  expect(accessDetail(null, translator('zh'))).toBe('');
});
