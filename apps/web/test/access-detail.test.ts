import { expect, it } from 'vitest';
import { accessDetail } from '../src/components/admin/access-detail';
import { translator } from '../src/i18n/locale';
import { isEnglish } from '../e2e/english';

// What the API writes as an access-log record's detail (packages/api: recordAccess, recordOverseerRead and
// recordListRead callers), one of each shape; the search and the exercise's title are people's words.
const WRITTEN = [
  'session',
  'live reply',
  'one session, markdown',
  'practice: Ordering at a café',
  '12 sessions, 2026-11-01..2026-11-30',
  '12 sessions',
  '2026-11-01..2026-11-30, 40 rows',
  '3 flags',
  'flags queue: 1 excerpt',
  'flags queue: 4 excerpts',
  'search "photosynthesis": 1 message',
  'search "photosynthesis": 7 messages',
  '4 sessions, 31 messages deleted; 12 usage rows kept without the student',
  '4 sessions, 12 usage rows',
];
const PEOPLE = ['Ordering at a café', 'photosynthesis'];

it('shows every detail the API writes in Chinese, keeping its numbers, dates and people’s words', () => {
  const t = translator('zh');
  for (const detail of WRITTEN) {
    const shown = accessDetail(detail, t);
    expect(isEnglish(shown, PEOPLE), `${detail} -> ${shown}`).toBe(false);
    for (const value of detail.match(/\d{4}-\d\d-\d\d|\d+|photosynthesis|Ordering at a café/g) ?? [])
      expect(shown).toContain(value);
  }
});

it('shows a detail of a shape it does not know as written', () => {
  expect(accessDetail('something new', translator('zh'))).toBe('something new');
});
