import { deployMigrations } from '../src/migrate/index';
import { expect, it } from 'vitest';
import { databaseBeforeMigration } from './before-migration';
import { query } from './sql';

const migratedBefore = databaseBeforeMigration('access_log_detail_facts');

// Every sentence the API wrote before details became facts, with the facts it must become.
const SENTENCES: Array<[string, unknown]> = [
  ['', null],
  ['session', { kind: 'session' }],
  ['live reply', { kind: 'liveReply' }],
  ['one session, markdown', { kind: 'oneSession', format: 'markdown' }],
  ['practice: Ordering at a café', { kind: 'practice', title: 'Ordering at a café' }],
  ['12 sessions, 2026-11-01..2026-11-30', { kind: 'sessionsInRange', count: 12, from: '2026-11-01', to: '2026-11-30' }],
  ['12 sessions', { kind: 'sessions', count: 12 }],
  ['2026-11-01..2026-11-30, 40 rows', { kind: 'usageRows', count: 40, from: '2026-11-01', to: '2026-11-30' }],
  ['3 flags', { kind: 'flags', count: 3 }],
  ['flags queue: 1 excerpt', { kind: 'flagExcerpts', count: 1 }],
  ['flags queue: 4 excerpts', { kind: 'flagExcerpts', count: 4 }],
  ['search "光合": 1 message', { kind: 'search', query: '光合', count: 1 }],
  ['search "say "hi"": 7 messages', { kind: 'search', query: 'say "hi"', count: 7 }],
  [
    '4 sessions, 31 messages deleted; 12 usage rows kept without the student',
    { kind: 'deleted', sessions: 4, messages: 31, usage: 12 },
  ],
  ['4 sessions, 12 usage rows', { kind: 'exported', sessions: 4, usage: 12 }],
  ['something else', { kind: 'text', text: 'something else' }],
];

it('turns every access-log sentence into its facts, keeping one of no known shape as text', async () => {
  const url = await migratedBefore();
  await query(
    url,
    `INSERT INTO "AccessLog" ("id", "actorId", "action", "detail")
     SELECT 'a' || n, 'admin', 'TRANSCRIPT_VIEW', d FROM unnest($1::text[]) WITH ORDINALITY AS t(d, n)`,
    [SENTENCES.map(([sentence]) => sentence)],
  );
  await deployMigrations({ databaseUrl: url });
  const rows = await query<{ id: string; detail: unknown }>(url, `SELECT "id", "detail" FROM "AccessLog"`);
  const byId = new Map(rows.map((r) => [r.id, r.detail]));
  expect(SENTENCES.map((_, i) => byId.get(`a${i + 1}`))).toEqual(SENTENCES.map(([, facts]) => facts));
});
