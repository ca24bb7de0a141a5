import { verify } from '@node-rs/argon2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../src/testing';
import type { TestDatabase } from '../src/testing';
import { DEMO_PASSWORD } from '../src/seed/demo-school';
import { seedDemoSchool } from '../src/seed/seed';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});

afterAll(async () => {
  await db?.drop();
});

async function rowCounts() {
  const { prisma } = db;
  return {
    users: await prisma.user.count(),
    classes: await prisma.class.count(),
    enrollments: await prisma.enrollment.count(),
    conversations: await prisma.conversation.count(),
    messages: await prisma.message.count(),
    usageEvents: await prisma.usageEvent.count(),
    budgetDays: await prisma.budgetDay.count(),
  };
}

describe('seedDemoSchool', () => {
  it('creates a demo school once and changes nothing when run again', async () => {
    const first = await seedDemoSchool(db.prisma);
    const afterFirst = await rowCounts();
    const snapshot = await db.prisma.usageEvent.aggregate({ _sum: { costMicros: true, promptTokens: true } });

    const second = await seedDemoSchool(db.prisma);

    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(await rowCounts()).toEqual(afterFirst);
    expect(await db.prisma.usageEvent.aggregate({ _sum: { costMicros: true, promptTokens: true } })).toEqual(snapshot);
    expect(afterFirst).toMatchObject({ users: 8, classes: 1, enrollments: 6 });
    expect(afterFirst.conversations).toBeGreaterThanOrEqual(6);
  });

  it('lets every printed demo login sign in with the demo password (argon2id)', async () => {
    const { logins, password } = await seedDemoSchool(db.prisma);
    expect(password).toBe(DEMO_PASSWORD);
    for (const login of logins) {
      const user = await db.prisma.user.findUniqueOrThrow({ where: { email: login.email } });
      expect(user.role).toBe(login.role);
      expect(user.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verify(user.passwordHash!, password)).toBe(true);
      expect(await verify(user.passwordHash!, 'wrong password')).toBe(false);
    }
    // An admin login to approve teachers and set caps; the demo teacher is approved already.
    expect(logins.map((l) => l.role)).toEqual(expect.arrayContaining(['ADMIN', 'TEACHER', 'STUDENT']));
    for (const login of logins.filter((l) => l.role !== 'STUDENT')) {
      const user = await db.prisma.user.findUniqueOrThrow({ where: { email: login.email } });
      expect(user.pendingApproval).toBe(false);
    }
  });

  it('spreads usage over the last three weeks with token counts and integer costs', async () => {
    const events = await db.prisma.usageEvent.findMany();
    const now = Date.now();
    const ages = events.map((e) => (now - e.createdAt.getTime()) / 86_400_000);
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...ages)).toBeLessThan(21);
    expect(Math.max(...ages)).toBeGreaterThan(14);
    expect(new Set(events.map((e) => e.userId)).size).toBe(6);
    for (const event of events) {
      expect(event.promptTokens).toBeGreaterThan(0);
      expect(event.completionTokens).toBeGreaterThan(0);
      expect(Number.isInteger(event.costMicros)).toBe(true);
    }
    expect(events.some((e) => e.costMicros > 0)).toBe(true);
  });

  it('counts every day’s seeded usage against that day’s class budget, today included', async () => {
    const klass = await db.prisma.class.findFirstOrThrow();
    const usage = await db.prisma.usageEvent.findMany();
    const expected = new Map<string, number>();
    for (const e of usage) {
      const key = `${e.userId} ${e.createdAt.toISOString().slice(0, 10)}`;
      expected.set(key, (expected.get(key) ?? 0) + e.promptTokens + e.completionTokens);
    }
    const budgetDays = await db.prisma.budgetDay.findMany();
    expect(budgetDays.every((b) => b.scope === klass.id && b.reservedTokens === 0)).toBe(true);
    expect(new Map(budgetDays.map((b) => [`${b.userId} ${b.day.toISOString().slice(0, 10)}`, b.usedTokens]))).toEqual(
      expected,
    );
    // No demo day is over budget, so a demo student can always try the tutor today.
    expect(Math.max(...budgetDays.map((b) => b.usedTokens))).toBeLessThan(klass.dailyTokenBudget);
  });

  it('charges each demo session only for its own replies, as its transcript shows; every row keeps a mode', async () => {
    // The dashboard's session list and transcript header sum a session's usage rows; the transcript lists its
    // replies' own. Three weeks of other use belong to sessions since deleted (no session, mode kept).
    const sessions = await db.prisma.conversation.findMany({
      include: { messages: { include: { usageEvent: true } } },
    });
    for (const session of sessions) {
      const rows = await db.prisma.usageEvent.findMany({ where: { conversationId: session.id } });
      const own = session.messages.flatMap((m) => (m.usageEvent ? [m.usageEvent.id] : []));
      expect([session.title, rows.map((r) => r.id).sort()]).toEqual([session.title, own.sort()]);
    }
    expect(await db.prisma.usageEvent.count({ where: { mode: null } })).toBe(0);
  });

  it('includes Chinese-speaking students and conversations in several tutor modes', async () => {
    const zh = await db.prisma.user.findMany({ where: { language: 'ZH' } });
    expect(zh.length).toBeGreaterThanOrEqual(2);
    const modes = await db.prisma.conversation.findMany({ distinct: ['mode'], select: { mode: true } });
    expect(modes.map((m) => m.mode)).toEqual(
      expect.arrayContaining(['MATHS', 'PROGRAMMING', 'WRITING', 'TRANSLATION', 'LANGUAGE_PRACTICE']),
    );
    const code = await db.prisma.message.findFirst({ where: { content: { contains: '```python' } } });
    expect(code).not.toBeNull();
    const assistant = await db.prisma.message.findFirstOrThrow({
      where: { role: 'ASSISTANT' },
      include: { usageEvent: true },
    });
    expect(assistant.usageEvent).not.toBeNull();
    expect(assistant.usageEvent!.completionTokens).toBeLessThan(assistant.tokenCount);
  });
});
