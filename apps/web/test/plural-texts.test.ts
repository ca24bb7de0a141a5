import { expect, it } from 'vitest';
import { en, type MessageKey } from '../src/i18n/en';
import { translator } from '../src/i18n/locale';

const t = translator('en');

it('says one flag, one student and one request in the singular, and more in the plural', () => {
  expect(t('dash.openFlags', { count: 1 })).toBe('1 open flag');
  expect(t('dash.openFlags', { count: 2 })).toBe('2 open flags');
  expect(t('dash.openFlags', { count: 0 })).toBe('0 open flags');
  expect(t('dash.flagAlert', { count: 1, name: 'Year 10' })).toBe('1 new flag in Year 10: review it');
  expect(t('dash.flagAlert', { count: 3, name: 'Year 10' })).toBe('3 new flags in Year 10: review them');
  expect(t('teacher.students', { count: 1 })).toBe('1 student');
  expect(t('admin.teachers.summary', { classes: 1, spent: '$0.10' })).toBe('1 class · $0.10 this month');
  // Figures arrive formatted: "1" is one, "1,024" is many.
  expect(t('dash.totals', { tokens: '1,024', cost: '$0.01', replies: '1' })).toBe(
    'Total: 1,024 tokens · $0.01 · 1 request (UTC days)',
  );
  expect(t('tpractice.errorCount', { count: 1 })).toBe('once');
  expect(translator('zh')('dash.openFlags', { count: 1 })).toBe('1 条待处理标记');
});

it('writes every plural form well: no text keeps its "{n, plural, ...}" once translated', () => {
  for (const key of Object.keys(en) as MessageKey[]) {
    const vars = new Proxy({}, { get: () => 1 }) as Record<string, number>;
    for (const value of [1, 5]) {
      const text = t(key, new Proxy(vars, { get: () => value }));
      expect([key, text.includes('plural,') || text.includes('{')]).toEqual([key, false]);
    }
  }
});
