import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { createPrismaClient, poolOf } from '../src/client';
import { prepareStatement, sql, type Params } from '../src/statement';
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

const readUser = prepareStatement('test_read_user', (q, p: Params<{ id: string }>) =>
  q.selectFrom('User').select('createdAt').where('id', '=', p.id),
);
const disableUser = prepareStatement('test_disable_user', (q, p: Params<{ id: string; at: Date }>) =>
  q.updateTable('User').set({ disabledAt: p.at }).where('id', '=', p.id),
);
const countUsers = prepareStatement('test_count_users', (q, p: Params<{ role: 'STUDENT' | 'TEACHER' }>) =>
  q
    .selectFrom('User')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('role', '=', p.role),
);
const preparedNames = prepareStatement('test_prepared_names', (q, p: Params<{ name: string }>) =>
  q
    .selectFrom(sql<{ name: string }>`pg_prepared_statements`.as('s'))
    .select(sql<number>`count(*)::int`.as('n'))
    .where('s.name', '=', p.name),
);

it('reads and writes DateTime columns as the same instants Prisma does, whatever the node’s time zone', async () => {
  process.env.TZ = 'Asia/Shanghai';
  const createdAt = new Date('2026-03-01T23:30:00.123Z');
  const user = await db.prisma.user.create({
    data: { email: 'tz@school.test', name: 'TZ', role: 'STUDENT', createdAt },
  });

  const [row] = await readUser.run(db.prisma, { id: user.id });
  expect(row!.createdAt.toISOString()).toBe(createdAt.toISOString());

  const disabledAt = new Date('2026-07-04T00:15:00.500Z');
  await disableUser.run(db.prisma, { id: user.id, at: disabledAt });
  const seen = await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
  expect(seen.disabledAt?.toISOString()).toBe(disabledAt.toISOString());
});

it('runs a statement as a named prepared statement, planned once per connection', async () => {
  // One connection, so every call lands where the first one prepared the statement.
  const client = createPrismaClient(db.url, { max: 1 });
  try {
    for (let i = 0; i < 3; i++) await countUsers.run(client, { role: 'STUDENT' });
    const prepared = await preparedNames.run(client, { name: 'test_count_users' });
    expect(prepared[0]!.n).toBe(1);
  } finally {
    await poolOf(client).end();
  }
});

it('runs the same compiled statement inside a Prisma transaction', async () => {
  const user = await db.prisma.user.create({ data: { email: 'tx@school.test', name: 'TX', role: 'STUDENT' } });
  const disabledAt = new Date('2026-07-05T10:00:00.250Z');
  const changed = await db.prisma.$transaction((tx) => disableUser.execute(tx, { id: user.id, at: disabledAt }));
  expect(changed).toBe(1);
  const seen = await db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
  expect(seen.disabledAt?.toISOString()).toBe(disabledAt.toISOString());
});
