import { deployMigrations } from '../src/migrate/index';
import { expect, it } from 'vitest';
import { databaseBeforeMigration } from './before-migration';
import { query } from './sql';

const migratedBefore = databaseBeforeMigration('provider_error_codes');

it('replies stored with the provider’s old lower-case codes read in the one vocabulary after migrating', async () => {
  // The database as it was before the vocabulary: every migration up to the rename.
  const url = await migratedBefore();

  const old = ['bad_key', 'quota', 'rate_limited', 'context_too_long', 'timeout', 'network', 'malformed', 'upstream'];
  await query(
    url,
    `INSERT INTO "User" ("id", "email", "name", "updatedAt") VALUES ('u1', 'a@school.test', 'A', now());
     INSERT INTO "Conversation" ("id", "studentId", "model", "updatedAt") VALUES ('c1', 'u1', 'gpt-4o-mini', now());
     INSERT INTO "Message" ("id", "conversationId", "role", "content", "tokenCount", "status", "errorCode", "updatedAt")
     SELECT 'm' || code, 'c1', 'ASSISTANT', '', 0, 'ERROR', code, now()
     FROM unnest(ARRAY['${[...old, 'BUDGET_EXHAUSTED', 'INTERRUPTED'].join("','")}']) AS code;`,
  );

  await deployMigrations({ databaseUrl: url });
  const rows = await query<{ id: string; errorCode: string }>(url, `SELECT "id", "errorCode" FROM "Message"`);
  const codes = Object.fromEntries(rows.map((r) => [r.id.slice(1), r.errorCode]));
  expect(codes).toEqual({
    bad_key: 'PROVIDER_BAD_KEY',
    quota: 'PROVIDER_QUOTA',
    rate_limited: 'PROVIDER_RATE_LIMITED',
    context_too_long: 'PROVIDER_CONTEXT_TOO_LONG',
    timeout: 'PROVIDER_TIMEOUT',
    network: 'PROVIDER_NETWORK',
    malformed: 'PROVIDER_MALFORMED',
    upstream: 'PROVIDER_ERROR',
    // The API's own codes were upper case already and stay as they were.
    BUDGET_EXHAUSTED: 'BUDGET_EXHAUSTED',
    INTERRUPTED: 'INTERRUPTED',
  });
});
