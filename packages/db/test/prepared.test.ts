import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { Prisma } from '../src/generated/prisma/client';
import { createPrismaClient, poolOf } from '../src/client';
import { preparedQuery } from '../src/prepared';
import { createTestDatabase, type TestDatabase } from '../src/testing';

let db: TestDatabase;
const originalTz = process.env.TZ;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterEach(() => {
  process.env.TZ = originalTz;
});
afterAll(async () => {
  await db?.drop();
});

it('reads and writes DateTime columns as the same instants Prisma does, whatever the node’s time zone', async () => {
  process.env.TZ = 'Asia/Shanghai';
  const createdAt = new Date('2026-03-01T23:30:00.123Z');
  const user = await db.prisma.user.create({
    data: { email: 'tz@school.test', name: 'TZ', role: 'STUDENT', createdAt },
  });

  const [row] = await preparedQuery<{ createdAt: Date }>(
    db.prisma,
    'test_read_user',
    Prisma.sql`
    SELECT "createdAt" FROM "User" WHERE "id" = ${user.id}`,
  );
  expect(row!.createdAt.toISOString()).toBe(createdAt.toISOString());

  const disabledAt = new Date('2026-07-04T00:15:00.500Z');
  await preparedQuery(
    db.prisma,
    'test_disable_user',
    Prisma.sql`
    UPDATE "User" SET "disabledAt" = ${disabledAt} WHERE "id" = ${user.id}`,
  );
  const seen = await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
  expect(seen.disabledAt?.toISOString()).toBe(disabledAt.toISOString());
});

it('runs a statement as a named prepared statement, planned once per connection', async () => {
  // One connection, so every call lands where the first one prepared the statement.
  const client = createPrismaClient(db.url, { max: 1 });
  try {
    for (let i = 0; i < 3; i++) {
      await preparedQuery(
        client,
        'test_count_users',
        Prisma.sql`SELECT count(*) AS n FROM "User" WHERE "role" = ${'STUDENT'}::"Role"`,
      );
    }
    const prepared = await preparedQuery<{ n: number }>(
      client,
      'test_prepared_names',
      Prisma.sql`
      SELECT count(*)::int AS n FROM pg_prepared_statements WHERE name = ${'test_count_users'}`,
    );
    expect(prepared[0]!.n).toBe(1);
  } finally {
    await poolOf(client).end();
  }
});
