import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWorld, replyText, send, type World } from './harness';

let world: World;
beforeAll(async () => {
  world = await createWorld({ LUMI_CHAT_RATE_LIMIT: '1000' });
});
afterAll(() => world.close());

it('50 concurrent sends never overspend the daily budget', async () => {
  // Each turn reserves its prompt plus a 100-token reply cap; the budget fits only a handful.
  const budget = 2_000;
  await world.db.prisma.class.update({ where: { id: world.classId }, data: { dailyTokenBudget: budget } });
  world.fake.setDefault({ reply: 'ok', delayMs: 5 });
  const { id } = await world
    .caller(world.users.student)
    .conversations.create({ mode: 'GENERAL', classId: world.classId });

  const results = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      send(world, world.users.student, { conversationId: id, content: `Question number ${i}`, maxTokens: 100 }),
    ),
  );
  const served = results.filter((r) => r.status === 200);
  const refused = results.filter((r) => r.status === 429);
  expect(served.length).toBeGreaterThan(0);
  expect(refused.length).toBeGreaterThan(0);
  expect(served.length + refused.length).toBe(50);
  for (const r of refused) {
    expect(['BUDGET_EXHAUSTED', 'BUDGET_TOO_SMALL']).toContain(r.error!.code);
    expect(new Date(r.error!.resetAt!).getTime()).toBeGreaterThan(Date.now());
  }

  const day = await world.db.prisma.budgetDay.findFirstOrThrow({ where: { userId: world.users.student.id } });
  expect(day.reservedTokens).toBe(0);
  expect(day.usedTokens).toBeLessThanOrEqual(budget);
  const recorded = await world.db.prisma.usageEvent.aggregate({
    where: { userId: world.users.student.id },
    _sum: { promptTokens: true, completionTokens: true },
  });
  expect((recorded._sum.promptTokens ?? 0) + (recorded._sum.completionTokens ?? 0)).toBe(day.usedTokens);

  // A refused message is not stored (the student still has it to send later); every served one is.
  expect(await world.db.prisma.message.count({ where: { conversationId: id, role: 'USER' } })).toBe(served.length);
  expect(served.every((r) => replyText(r.events) === 'ok')).toBe(true);

  const today = await world.caller(world.users.student).usage.today();
  const inClass = today.find((t) => t.classId === world.classId)!;
  expect(inClass.used).toBe(day.usedTokens);
  expect(inClass.left).toBe(budget - day.usedTokens);
});

it('a per-user rate limit says when it resets', async () => {
  const limited = await createWorld({ LUMI_CHAT_RATE_LIMIT: '2' });
  try {
    const { id } = await limited.caller(limited.users.student).conversations.create({ mode: 'GENERAL' });
    const statuses: number[] = [];
    let resetAt: string | undefined;
    for (let i = 0; i < 3; i++) {
      const r = await send(limited, limited.users.student, { conversationId: id, content: `hi ${i}` });
      statuses.push(r.status);
      resetAt ??= r.error?.resetAt;
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(new Date(resetAt!).getTime()).toBeGreaterThan(Date.now());
    // The refused message was not stored: two turns, four messages.
    const stored = await limited.db.prisma.message.findMany({
      where: { conversationId: id, role: 'USER' },
      orderBy: { seq: 'asc' },
    });
    expect(stored.map((m) => m.content)).toEqual(['hi 0', 'hi 1']);
  } finally {
    await limited.close();
  }
});

it('daily usage: one row per day, oldest first, only the caller’s tokens, zero on quiet days', async () => {
  const db = world.db.prisma;
  const now = new Date();
  const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);
  const base = { classId: world.classId, kind: 'CHAT' as const, model: 'gpt-4o-mini', cachedTokens: 0 };
  await db.usageEvent.createMany({
    data: [
      {
        ...base,
        userId: world.users.student.id,
        promptTokens: 100,
        completionTokens: 50,
        costMicros: 45,
        createdAt: daysAgo(2),
      },
      {
        ...base,
        userId: world.users.student.id,
        promptTokens: 10,
        completionTokens: 5,
        costMicros: 4,
        createdAt: daysAgo(2),
      },
      {
        ...base,
        userId: world.users.otherStudent.id,
        promptTokens: 999,
        completionTokens: 999,
        costMicros: 999,
        createdAt: daysAgo(2),
      },
      {
        ...base,
        userId: world.users.student.id,
        promptTokens: 7,
        completionTokens: 3,
        costMicros: 1,
        createdAt: daysAgo(20),
      },
    ],
  });
  const days = await world.caller(world.users.student).usage.daily({ days: 7 });
  expect(days).toHaveLength(7);
  expect(days.at(-1)!.day).toBe(now.toISOString().slice(0, 10));
  expect(days.at(-3)).toEqual({ day: daysAgo(2).toISOString().slice(0, 10), tokens: 165 });
  expect(days.at(-4)).toMatchObject({ tokens: 0 });
  // Outside the window: the event from 20 days ago is not counted.
  expect(days.reduce((sum, d) => sum + d.tokens, 0)).toBe(165 + days.at(-1)!.tokens);
});
