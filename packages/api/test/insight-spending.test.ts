import { beforeAll, beforeEach, expect, it } from 'vitest';
import { appRouter, createCallerFactory, createContext, createServices, type LumiServices } from '../src';
import { INSTALLATION_SCOPE, teacherScope } from '../src/chat/spend-caps';
import { dayAgo, dashboardWorld } from './dashboard-fixtures';

// Issue 12: a class insight's model call was neither reserved against the money caps nor claimed, so two requests
// for the same class, week and language (a double click, two tabs, two nodes) both paid for it.
const { world } = dashboardWorld();
/** A second app node: its own services and database pool on the same database. */
let nodeB: LumiServices;
let week: string;

const ANSWER = JSON.stringify({
  summary: 'The class studied photosynthesis.',
  topics: [{ title: 'Photosynthesis', detail: 'Light and chloroplasts.', messages: ['m1'] }],
  misconceptions: [],
  students: [],
});

beforeAll(async () => {
  nodeB = createServices({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: world.fake.url }, { db: world.otherNode() });
  const yesterday = dayAgo(new Date(), 1);
  const monday = new Date(yesterday.getTime() - ((yesterday.getUTCDay() + 6) % 7) * 86_400_000);
  week = monday.toISOString().slice(0, 10);
});
beforeEach(async () => {
  world.fake.reset();
  world.fake.setDefault({ reply: ANSWER, headersDelayMs: 200 });
  await world.db.prisma.classInsight.deleteMany();
  await world.db.prisma.usageEvent.deleteMany({ where: { kind: 'INSIGHT' } });
  await world.db.prisma.spendLedger.deleteMany();
  await world.db.prisma.teacherSpendCap.deleteMany();
});

const createCaller = createCallerFactory(appRouter);
const teacherOn = (services: LumiServices) => createCaller(createContext(services, world.users.teacher)).teacher;

it('100 requests at once on two nodes pay for one model call, all get its insight, and the caps count it', async () => {
  // A cap well above one call: it holds, and the ledger ends with exactly what the usage rows say was spent.
  await world.db.prisma.teacherSpendCap.create({ data: { teacherId: world.users.teacher.id, dayMicros: 5_000_000 } });
  const input = { classId: world.classId, weekStart: week, language: 'en' as const };
  const results = await Promise.all(
    Array.from({ length: 100 }, async (_, i) => {
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
      return teacherOn(i % 2 ? nodeB : world.services).generateInsight(input);
    }),
  );
  expect(world.fake.requests).toHaveLength(1);
  expect(results.filter((r) => !r.reused)).toHaveLength(1);
  for (const r of results) expect(r.content.summary).toBe('The class studied photosynthesis.');
  const usage = await world.db.prisma.usageEvent.findMany({ where: { kind: 'INSIGHT' } });
  expect(usage).toHaveLength(1);
  const ledger = await world.db.prisma.spendLedger.findUniqueOrThrow({
    where: { scope: teacherScope(world.users.teacher.id) },
  });
  expect(ledger.dayReservedMicros).toBe(0n);
  expect(ledger.daySpentMicros).toBe(BigInt(usage[0]!.costMicros));
  expect(usage[0]!.costMicros).toBeGreaterThan(0);
  expect(await world.db.prisma.classInsight.count()).toBe(1);
});

it('a spend cap that cannot hold the call refuses it before anything is asked or stored; raised, it works', async () => {
  const db = world.db.prisma;
  await db.teacherSpendCap.create({ data: { teacherId: world.users.teacher.id, dayMicros: 1 } });
  const input = { classId: world.classId, weekStart: week, language: 'zh' as const };
  const error = await teacherOn(world.services)
    .generateInsight(input)
    .then(
      () => null,
      (e: unknown) => e as { code: string; message: string },
    );
  expect(error?.code).toBe('TOO_MANY_REQUESTS');
  expect(error?.message).toContain('used up');
  expect(world.fake.requests).toHaveLength(0);
  expect(await db.classInsight.count()).toBe(0);
  expect(await db.usageEvent.count({ where: { kind: 'INSIGHT' } })).toBe(0);
  // Nothing is left reserved on either scope.
  for (const row of await db.spendLedger.findMany()) expect(row.dayReservedMicros).toBe(0n);
  expect(await db.spendLedger.findUnique({ where: { scope: INSTALLATION_SCOPE } })).toBeNull();

  await db.teacherSpendCap.update({ where: { teacherId: world.users.teacher.id }, data: { dayMicros: 5_000_000 } });
  const insight = await teacherOn(nodeB).generateInsight(input);
  expect(insight.reused).toBe(false);
  expect(world.fake.requests).toHaveLength(1);
});

it('when the one paid call fails, every request waiting on it fails too, and a later request tries again', async () => {
  world.fake.setDefault({ fault: 'malformed_json', headersDelayMs: 100 });
  const input = { classId: world.classId, weekStart: week, language: 'en' as const };
  const outcomes = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      teacherOn(i % 2 ? nodeB : world.services)
        .generateInsight(input)
        .then(
          () => 'ok',
          (e: unknown) => (e as { code: string }).code,
        ),
    ),
  );
  expect(outcomes).toEqual(Array.from({ length: 10 }, () => 'SERVICE_UNAVAILABLE'));
  // One request asked (twice: the malformed answer is retried once); nobody else paid.
  expect(world.fake.requests).toHaveLength(2);
  expect(await world.db.prisma.classInsight.count()).toBe(0);
  expect(await teacherOn(world.services).insight(input)).toBeNull();

  world.fake.setDefault({ reply: ANSWER });
  expect(await teacherOn(nodeB).generateInsight(input)).toMatchObject({ reused: false });
  expect(world.fake.requests).toHaveLength(3);
});
