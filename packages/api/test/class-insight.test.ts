import { TRPCError } from '@trpc/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { runRetention } from '../src/admin/retention';
import { dayAgo, dashboardWorld, seedDashboard } from './dashboard-fixtures';
import { createWorld } from './harness';
import { callerAs, outcome, WHO, type Outcome } from './roles';

/** The Monday (UTC) of the week `date` falls in, as YYYY-MM-DD. */
function mondayOf(date: Date): string {
  const day = (date.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() - day))
    .toISOString()
    .slice(0, 10);
}

const { world, fixture } = dashboardWorld();
/** The week the fixture's messages (a day old) fall in. */
let week: string;
let ids: string[];

beforeAll(async () => {
  week = mondayOf(dayAgo(new Date(), 1));
  ids = (
    await world.db.prisma.message.findMany({
      where: { conversationId: fixture.conversationId },
      orderBy: { seq: 'asc' },
      select: { id: true },
    })
  ).map((m) => m.id);
});

const CLASS_ONLY: Outcome[] = ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'ok', 'NOT_FOUND', 'ok'];

describe('who may read and write a class insight', () => {
  it('teacher.insight and teacher.generateInsight: the class teacher and admins only', async () => {
    const input = {
      classId: world.classId,
      weekStart: mondayOf(new Date(Date.now() - 60 * 86_400_000)),
      language: 'en' as const,
    };
    for (const [name, run] of [
      ['insight', (w: (typeof WHO)[number]) => callerAs(world, w).teacher.insight(input)],
      ['generateInsight', (w: (typeof WHO)[number]) => callerAs(world, w).teacher.generateInsight(input)],
    ] as const) {
      const actual: Outcome[] = [];
      for (const who of WHO) actual.push(await outcome(() => run(who)));
      expect([name, ...actual]).toEqual([name, ...CLASS_ONLY]);
    }
  });

  it('bad input is refused with a clear error and nothing is written or spent', async () => {
    const teacher = callerAs(world, 'teacher').teacher;
    const before = world.fake.requests.length;
    const stored = await world.db.prisma.classInsight.count();
    const monday = mondayOf(new Date());
    const tuesday = new Date(Date.parse(`${monday}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const nextWeek = new Date(Date.parse(`${monday}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    for (const [input, message] of [
      [{ weekStart: tuesday, language: 'en' }, 'A week starts on a Monday.'],
      [{ weekStart: '2026-02-30', language: 'en' }, 'No such date.'],
      [{ weekStart: monday, language: 'fr' }, 'Invalid option'],
      [{ weekStart: nextWeek, language: 'en' }, 'That week has not started yet.'],
    ] as const) {
      const error = await teacher
        .generateInsight({ classId: world.classId, ...(input as { weekStart: string; language: 'en' }) })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe('BAD_REQUEST');
      expect((error as TRPCError).message).toContain(message);
    }
    expect(world.fake.requests.length).toBe(before);
    expect(await world.db.prisma.classInsight.count()).toBe(stored);
  });
});

describe('writing an insight', () => {
  it('keeps only claims backed by messages of the class and week, charges the teacher once, and is kept', async () => {
    const db = world.db.prisma;
    // A message of another week: never offered to the model, so it cannot be cited.
    const old = await db.message.create({
      data: {
        conversationId: fixture.conversationId,
        role: 'USER',
        content: 'Old question from weeks ago about fractions',
        tokenCount: 7,
        createdAt: new Date(Date.parse(`${week}T00:00:00Z`) - 3 * 86_400_000),
      },
    });
    world.fake.enqueue({
      reply: JSON.stringify({
        summary: 'The class studied photosynthesis.',
        topics: [
          { title: 'Photosynthesis', detail: 'Light and chloroplasts.', messages: ['m1', 'm2', 'm3', 'm99'] },
          { title: 'Fractions', detail: 'Invented: no message says so.', messages: ['m99', old.id] },
        ],
        misconceptions: [{ title: 'Chloroplasts', detail: 'Unsure what chloroplasts do.', messages: ['m3'] }],
        students: [
          { student: 's1', reason: 'Wrote about hurting themselves.', messages: ['m5', 'm1'] },
          { student: 's7', reason: 'No such student.', messages: ['m1'] },
        ],
      }),
    });
    const usageBefore = await db.usageEvent.count({ where: { userId: world.users.teacher.id } });
    const requestsBefore = world.fake.requests.length;
    const teacher = callerAs(world, 'teacher').teacher;
    const input = { classId: world.classId, weekStart: week, language: 'en' as const };
    expect(await teacher.insight(input)).toBeNull();

    const insight = await teacher.generateInsight(input);
    expect(insight.reused).toBe(false);
    expect(insight.messageCount).toBe(5);
    const source = (i: number) => ({ id: ids[i]!, conversationId: fixture.conversationId });
    expect(insight.content).toEqual({
      summary: 'The class studied photosynthesis.',
      topics: [
        { title: 'Photosynthesis', detail: 'Light and chloroplasts.', sources: [source(0), source(1), source(2)] },
      ],
      misconceptions: [{ title: 'Chloroplasts', detail: 'Unsure what chloroplasts do.', sources: [source(2)] }],
      students: [
        {
          studentId: world.users.student.id,
          name: 'Student',
          reason: 'Wrote about hurting themselves.',
          sources: [source(4), source(0)],
        },
      ],
    });
    // The model was asked through the class's cheapest model that answers in a JSON schema, in a schema.
    const request = world.fake.requests.at(-1)!.body as { model: string; response_format: { type: string } };
    expect(request.model).toBe('gpt-4o-mini');
    expect(request.response_format.type).toBe('json_schema');
    expect(JSON.stringify(request)).not.toContain('Old question');

    const usage = await db.usageEvent.findMany({ where: { userId: world.users.teacher.id, kind: 'INSIGHT' } });
    expect(usage).toHaveLength(1);
    expect(usage[0]).toMatchObject({ classId: world.classId, model: 'gpt-4o-mini' });
    expect(usage[0]!.promptTokens).toBeGreaterThan(0);

    // Opening it again, or asking again, costs nothing.
    expect(await teacher.insight(input)).toMatchObject({ content: insight.content });
    expect(await teacher.generateInsight(input)).toMatchObject({ reused: true, content: insight.content });
    expect(await callerAs(world, 'admin').teacher.insight(input)).toMatchObject({ content: insight.content });
    expect(world.fake.requests.length).toBe(requestsBefore + 1);
    expect(await db.usageEvent.count({ where: { userId: world.users.teacher.id } })).toBe(usageBefore + 1);
  });

  it('a model that fails twice stores nothing, says so, and what it spent is still recorded', async () => {
    world.fake.enqueue({ fault: 'malformed_json' });
    world.fake.enqueue({ fault: 'off_schema_json' });
    const input = { classId: world.classId, weekStart: week, language: 'zh' as const };
    const error = await callerAs(world, 'teacher')
      .teacher.generateInsight(input)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect((error as TRPCError).code).toBe('SERVICE_UNAVAILABLE');
    expect(await callerAs(world, 'teacher').teacher.insight(input)).toBeNull();
    expect(await world.db.prisma.usageEvent.count({ where: { userId: world.users.teacher.id, kind: 'INSIGHT' } })).toBe(
      3,
    );
  });

  it('works offline with the demo provider: deterministic text built from the real messages, in Chinese too', async () => {
    const offline = await createWorld({ OPENAI_API_KEY: '', OPENAI_BASE_URL: '' });
    try {
      const seeded = await seedDashboard(offline);
      const input = { classId: offline.classId, weekStart: week, language: 'zh' as const };
      const first = await callerAs(offline, 'teacher').teacher.generateInsight(input);
      expect(first.model).toBe('lumi-demo');
      expect(first.content.summary).toContain('本周有 1 名学生');
      expect(first.content.topics[0]).toMatchObject({ title: '光合作用' });
      const messageIds = new Set(
        (await offline.db.prisma.message.findMany({ where: { conversationId: seeded.conversationId } })).map(
          (m) => m.id,
        ),
      );
      const cited = [...first.content.topics, ...first.content.misconceptions, ...first.content.students].flatMap(
        (c) => c.sources,
      );
      expect(cited.length).toBeGreaterThan(0);
      for (const s of cited) expect(messageIds.has(s.id)).toBe(true);
      // Photosynthesis "confuses me" and 叶绿体 "还是不太懂": both read as difficulties.
      expect(first.content.misconceptions.length).toBeGreaterThan(0);
      expect(first.content.students[0]?.studentId).toBe(offline.users.student.id);
      // The same conversations give the same text.
      await offline.db.prisma.classInsight.deleteMany();
      const again = await callerAs(offline, 'teacher').teacher.generateInsight(input);
      expect(again.content).toEqual(first.content);
      const english = await callerAs(offline, 'teacher').teacher.generateInsight({ ...input, language: 'en' });
      expect(english.content.summary).toContain('1 student wrote');
    } finally {
      await offline.close();
    }
  });
});

it('the retention job removes insights of weeks wholly past its cutoff, with the text they retell', async () => {
  const db = world.db.prisma;
  expect(await db.classInsight.count({ where: { weekStart: new Date(`${week}T00:00:00Z`) } })).toBe(1);
  await db.installationSettings.upsert({
    where: { id: 1 },
    create: { id: 1, messageRetentionDays: 30 },
    update: { messageRetentionDays: 30 },
  });
  await runRetention({ db, now: () => new Date() });
  expect(await db.classInsight.count({ where: { weekStart: new Date(`${week}T00:00:00Z`) } })).toBe(1);
  await runRetention({ db, now: () => new Date(Date.now() + 40 * 86_400_000) }, { force: true });
  expect(await db.classInsight.count({ where: { weekStart: new Date(`${week}T00:00:00Z`) } })).toBe(0);
});
