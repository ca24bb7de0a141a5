import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { dayAgo, dashboardWorld } from './dashboard-fixtures';

const { world, fixture } = dashboardWorld();

const teacher = () => world.caller(world.users.teacher);
const day = (daysAgo: number) => dayAgo(new Date(), daysAgo).toISOString().slice(0, 10);

/** The reference: SUM over the usage rows themselves, for the class and a range of UTC days. */
async function sumRows(from: string, to: string, userId?: string) {
  const rows = await world.db.prisma.usageEvent.findMany({
    where: {
      classId: world.classId,
      ...(userId && { userId }),
      createdAt: { gte: new Date(`${from}T00:00:00Z`), lt: new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000) },
    },
  });
  return {
    tokens: rows.reduce((s, r) => s + r.promptTokens + r.completionTokens, 0),
    costMicros: rows.reduce((s, r) => s + r.costMicros, 0),
  };
}

async function badRequest(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (error instanceof TRPCError && error.code === 'BAD_REQUEST') return error.message;
    throw error;
  }
  throw new Error('expected BAD_REQUEST');
}

describe('totals equal the sum of the usage rows', () => {
  it('the chart: every stack, by model and by mode, adds up to the totals, to the token and micro-dollar', async () => {
    for (const [from, to] of [
      [day(30), day(0)],
      [day(3), day(3)],
      [day(89), day(0)],
    ] as const) {
      const expected = await sumRows(from, to);
      for (const groupBy of ['model', 'mode'] as const) {
        const usage = await teacher().teacher.usage({ classId: world.classId, from, to, groupBy });
        expect({ tokens: usage.totals.tokens, costMicros: usage.totals.costMicros }).toEqual(expected);
        const stacked = usage.days.flatMap((d) => usage.keys.map((k) => [d.tokens[k] ?? 0, d.costMicros[k] ?? 0]));
        expect(stacked.reduce((s, [t]) => s + t!, 0)).toBe(expected.tokens);
        expect(stacked.reduce((s, [, c]) => s + c!, 0)).toBe(expected.costMicros);
        expect(usage.byHour.reduce((s, h) => s + h.tokens, 0)).toBe(expected.tokens);
      }
    }
  });

  it('stacks by model name the models, by mode the session modes, with one bar per day', async () => {
    const byModel = await teacher().teacher.usage({ classId: world.classId, from: day(13), to: day(0) });
    expect(byModel.days).toHaveLength(14);
    expect(byModel.keys.sort()).toEqual(['gpt-4o', 'gpt-4o-mini']);
    expect(byModel.days.at(-1)!.tokens).toEqual({ 'gpt-4o-mini': 150, 'gpt-4o': 280 });
    const byMode = await teacher().teacher.usage({
      classId: world.classId,
      from: day(13),
      to: day(0),
      groupBy: 'mode',
    });
    expect(byMode.keys).toEqual(['SCIENCE']);
    expect(byModel.topStudents.map((s) => s.studentId)).toEqual([world.users.student.id, world.users.otherStudent.id]);
  });

  it('the roster: today, 7 and 30 days per student equal the rows; personal use is not counted', async () => {
    const roster = await teacher().teacher.roster({ classId: world.classId });
    const me = roster.students.find((s) => s.studentId === world.users.student.id)!;
    const today = await sumRows(day(0), day(0), world.users.student.id);
    const week = await sumRows(day(6), day(0), world.users.student.id);
    const month = await sumRows(day(29), day(0), world.users.student.id);
    expect([me.tokensToday, me.costMicrosToday]).toEqual([today.tokens, today.costMicros]);
    expect([me.tokens7d, me.costMicros7d]).toEqual([week.tokens, week.costMicros]);
    expect([me.tokens30d, me.costMicros30d]).toEqual([month.tokens, month.costMicros]);
    expect(today.tokens).toBe(430);
    expect(me.sessions).toBe(1);
    expect(me.openFlags).toBe(1);
  });

  it('the overview: today and this month equal the rows', async () => {
    const klass = (await teacher().teacher.overview()).find((c) => c.id === world.classId)!;
    const now = new Date();
    const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString().slice(0, 10);
    const month = await sumRows(monthStart, day(0));
    expect([klass.tokensMonth, klass.costMicrosMonth]).toEqual([month.tokens, month.costMicros]);
    expect([klass.tokensToday, klass.costMicrosToday]).toEqual([430, 1345]);
    expect(klass.students).toBe(2);
    expect(klass.activeToday).toBe(1);
    expect(klass.openFlags).toBe(1);
  });
});

describe('search', () => {
  it('finds a two-character Chinese word inside a sentence, and English words by their start', async () => {
    for (const query of ['光合', '叶绿体', '学习', '过程', '懂']) {
      const found = await teacher().teacher.search({ classId: world.classId, query });
      expect(found.items.length, query).toBeGreaterThan(0);
      expect(found.items.every((m) => m.snippet.parts.some((p) => p.match && p.text === query))).toBe(true);
    }
    const chinese = await teacher().teacher.search({ classId: world.classId, query: '学习' });
    expect(chinese.items.map((m) => m.id)).toEqual([fixture.chineseMessageId]);
    const english = await teacher().teacher.search({ classId: world.classId, query: 'photosynth' });
    expect(english.items).toHaveLength(1);
    expect(english.items[0]!.snippet.parts.find((p) => p.match)?.text).toBe('Photosynth');
    expect((await teacher().teacher.search({ classId: world.classId, query: '作用 leaf' })).items).toHaveLength(0);
    expect((await teacher().teacher.search({ classId: world.classId, query: '光合作用 方程式' })).items).toHaveLength(
      1,
    );
    expect((await teacher().teacher.search({ classId: world.classId, query: '绿光' })).items).toHaveLength(0);
  });

  it('pages through results newest first', async () => {
    const first = await teacher().teacher.search({ classId: world.classId, query: '光合', limit: 1 });
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = await teacher().teacher.search({
      classId: world.classId,
      query: '光合',
      limit: 1,
      cursor: first.nextCursor,
    });
    expect(second.items).toHaveLength(1);
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
  });

  it('refuses empty, punctuation-only, NUL and overlong searches with a clear message', async () => {
    const search = (query: string) => () => teacher().teacher.search({ classId: world.classId, query });
    expect(await badRequest(search('   '))).toMatch(/Type a word/);
    expect(await badRequest(search('？！…'))).toMatch(/Type a word/);
    // NUL is refused for every procedure by the input guard (shared/input-guard.ts).
    expect(await badRequest(search('a\u0000b'))).toMatch(/cannot be stored/);
    expect(await badRequest(search('x'.repeat(101)))).toMatch(/at most 100/);
  });
});

describe('flags', () => {
  it('mark reviewed keeps who and when; re-open clears both; the queue moves the flag', async () => {
    const open = await teacher().teacher.flags({ classId: world.classId });
    expect(open.items.map((f) => f.id)).toEqual([fixture.flagId]);
    expect(open.items[0]!.categories[0]).toEqual({ category: 'self-harm', score: 0.7 });
    expect(open.items[0]!.excerpt).toBe('I want to hurt myself');

    const reviewed = await teacher().teacher.reviewFlag({ flagId: fixture.flagId, reviewed: true });
    expect(reviewed.reviewedBy).toBe('Teacher');
    const row = await world.db.prisma.moderationFlag.findUniqueOrThrow({ where: { id: fixture.flagId } });
    expect(row.reviewedById).toBe(world.users.teacher.id);
    expect(row.reviewedAt).not.toBeNull();
    expect((await teacher().teacher.flags({ classId: world.classId })).items).toEqual([]);
    expect((await teacher().teacher.flags({ classId: world.classId, status: 'reviewed' })).items).toHaveLength(1);

    await teacher().teacher.reviewFlag({ flagId: fixture.flagId, reviewed: false });
    const reopened = await world.db.prisma.moderationFlag.findUniqueOrThrow({ where: { id: fixture.flagId } });
    expect([reopened.reviewedAt, reopened.reviewedById]).toEqual([null, null]);
  });

  it("pages through every class's flags newest first, each once; a teacher's queue holds only their classes", async () => {
    const db = world.db.prisma;
    const other = await db.class.create({
      data: { name: 'Other', teacherId: world.users.otherTeacher.id, joinCode: 'OTHER1', dailyTokenBudget: 1000 },
    });
    const source = await db.moderationFlag.findUniqueOrThrow({ where: { id: fixture.flagId } });
    const base = Date.now() - 3_600_000;
    const made = [];
    for (let i = 0; i < 7; i++) {
      made.push(
        await db.moderationFlag.create({
          data: {
            studentId: source.studentId,
            classId: i % 2 === 0 ? other.id : world.classId,
            conversationId: source.conversationId,
            messageId: source.messageId,
            categories: { harassment: 0.5 },
            // Two share a time, so the id breaks the tie across a page boundary.
            createdAt: new Date(base + Math.min(i, 5) * 60_000),
          },
        }),
      );
    }
    try {
      const all = await db.moderationFlag.findMany({
        where: { reviewedAt: null, classId: { not: null } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      });
      const paged: string[] = [];
      let cursor = null;
      do {
        const page = await world.caller(world.users.admin).teacher.flags({ limit: 3, cursor });
        paged.push(...page.items.map((f) => f.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged).toEqual(all.map((f) => f.id));

      const mine = await teacher().teacher.flags({ limit: 100 });
      expect(mine.items.map((f) => f.id)).toEqual(all.filter((f) => f.classId === world.classId).map((f) => f.id));
      expect(mine.items.every((f) => f.className === 'Year 9 Maths')).toBe(true);
    } finally {
      await db.moderationFlag.deleteMany({ where: { id: { in: made.map((f) => f.id) } } });
      await db.class.delete({ where: { id: other.id } });
    }
  });

  it('an unknown flag is not found and nothing changes', async () => {
    await expect(teacher().teacher.reviewFlag({ flagId: 'nope', reviewed: true })).rejects.toThrow('No such flag.');
  });
});

describe('conversations and transcript', () => {
  it('lists the class sessions with their figures, filtered by student, mode and flags', async () => {
    const all = await teacher().teacher.conversations({ classId: world.classId });
    expect(all.items).toHaveLength(1);
    const row = all.items[0]!;
    const sum = await world.db.prisma.usageEvent.aggregate({
      where: { conversationId: fixture.conversationId },
      _sum: { promptTokens: true, completionTokens: true, costMicros: true },
    });
    expect(row.tokens).toBe(sum._sum.promptTokens! + sum._sum.completionTokens!);
    expect(row.costMicros).toBe(sum._sum.costMicros);
    expect([row.messages, row.flags, row.openFlags, row.studentName]).toEqual([5, 1, 1, 'Student']);
    const list = (filters: object) =>
      teacher()
        .teacher.conversations({ classId: world.classId, ...filters })
        .then((r) => r.items.length);
    expect(await list({ mode: 'MATHS' })).toBe(0);
    expect(await list({ mode: 'SCIENCE', flagged: true })).toBe(1);
    expect(await list({ flagged: false })).toBe(0);
    expect(await list({ studentId: world.users.otherStudent.id })).toBe(0);
    expect(await list({ range: { from: day(400), to: day(300) } })).toBe(0);
  });

  it('shows every message with its status and flags in place, and logs that the teacher read it', async () => {
    const before = await world.db.prisma.accessLog.count();
    const transcript = await teacher().teacher.transcript({ conversationId: fixture.conversationId });
    expect(transcript.messages).toHaveLength(5);
    expect(transcript.messages[4]!.flags[0]!.categories[0]!.category).toBe('self-harm');
    expect(transcript.student.name).toBe('Student');
    const log = await world.db.prisma.accessLog.findMany({ orderBy: { createdAt: 'desc' }, take: 1 });
    expect(await world.db.prisma.accessLog.count()).toBe(before + 1);
    expect(log[0]).toMatchObject({
      actorId: world.users.teacher.id,
      action: 'TRANSCRIPT_VIEW',
      studentId: world.users.student.id,
      conversationId: fixture.conversationId,
    });
  });

  it('refuses a reversed or too long range, and an impossible date', async () => {
    const usage = (from: string, to: string) => () => teacher().teacher.usage({ classId: world.classId, from, to });
    expect(await badRequest(usage(day(0), day(5)))).toMatch(/ends before it starts/);
    expect(await badRequest(usage('2020-01-01', '2024-01-01'))).toMatch(/at most 366 days/);
    expect(await badRequest(usage('2026-02-30', '2026-03-01'))).toMatch(/No such date/);
  });
});
