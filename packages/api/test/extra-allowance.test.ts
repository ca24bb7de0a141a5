import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utcDay } from '../src/chat/budget';
import { reserveTokens } from '../src/practice/exercise-budget';
import { createWorld, send, type World } from './harness';
import { callerAs, outcome, WHO, type Who } from './roles';

let world: World;
beforeAll(async () => {
  world = await createWorld({ LUMI_CHAT_RATE_LIMIT: '1000' });
});
afterAll(() => world.close());

const caller = (who: Who) => callerAs(world, who);
const today = () => utcDay(new Date());
const budgetRow = (userId: string) =>
  world.db.prisma.budgetDay.findUnique({
    where: { userId_scope_day: { userId, scope: world.classId, day: today() } },
  });

describe('teacher.grantExtra', () => {
  it('only the class teacher or an admin; a refusal changes nothing', async () => {
    // "otherStudent" here is a student of another class: taken out of this one for the check.
    const other = world.users.otherStudent.id;
    await world.db.prisma.enrollment.delete({
      where: { classId_studentId: { classId: world.classId, studentId: other } },
    });
    try {
      const input = { classId: world.classId, studentId: world.users.student.id, tokens: 777 };
      const actual = [];
      for (const who of WHO) {
        if (who === 'teacher' || who === 'admin') continue;
        actual.push(await outcome(() => caller(who).teacher.grantExtra(input)));
      }
      expect(actual).toEqual(['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'NOT_FOUND']);
      expect(await budgetRow(world.users.student.id)).toBeNull();
      expect(await outcome(() => caller('teacher').teacher.grantExtra(input))).toBe('ok');
      expect((await budgetRow(world.users.student.id))?.extraTokens).toBe(777);
      expect(await outcome(() => caller('admin').teacher.grantExtra({ ...input, tokens: 0 }))).toBe('ok');
      expect((await budgetRow(world.users.student.id))?.extraTokens).toBe(0);
      // A student who is not (or no longer) in the class gets nothing, even from its teacher.
      expect(await outcome(() => caller('teacher').teacher.grantExtra({ ...input, studentId: other }))).toBe(
        'NOT_FOUND',
      );
      expect(await budgetRow(other)).toBeNull();
    } finally {
      await world.db.prisma.enrollment.create({ data: { classId: world.classId, studentId: other } });
    }
  });

  it('bad input is refused with a clear error and nothing changes', async () => {
    const base = { classId: world.classId, studentId: world.users.otherStudent.id };
    for (const tokens of [-1, 1.5, 10_000_001, Number.NaN]) {
      const error = await caller('teacher')
        .teacher.grantExtra({ ...base, tokens })
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect(error).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe('BAD_REQUEST');
    }
    expect(await budgetRow(world.users.otherStudent.id)).toBeNull();
  });
});

describe('the extra allowance in use', () => {
  it('the student sees it and can spend it; 100 sends at once never pass budget + extra', async () => {
    const db = world.db.prisma;
    const student = world.users.student;
    const budget = 1_000;
    const extra = 3_000;
    await db.class.update({ where: { id: world.classId }, data: { dailyTokenBudget: budget } });
    world.fake.setDefault({ reply: 'ok', delayMs: 5 });
    const { id } = await world.caller(student).conversations.create({ mode: 'GENERAL', classId: world.classId });

    // Spend the class budget first: a send that needs more than is left is refused.
    await db.budgetDay.upsert({
      where: { userId_scope_day: { userId: student.id, scope: world.classId, day: today() } },
      create: { userId: student.id, scope: world.classId, day: today(), usedTokens: budget },
      update: { usedTokens: budget, reservedTokens: 0, extraTokens: 0 },
    });
    const refused = await send(world, student, { conversationId: id, content: 'Before the extra', maxTokens: 100 });
    expect(refused.status).toBe(429);

    await world.caller(world.users.teacher).teacher.grantExtra({
      classId: world.classId,
      studentId: student.id,
      tokens: extra,
    });
    const seen = (await world.caller(student).usage.today()).find((b) => b.classId === world.classId)!;
    expect(seen).toMatchObject({ budget, extra, used: budget, left: extra });
    const roster = await world.caller(world.users.teacher).teacher.roster({ classId: world.classId });
    expect(roster.students.find((s) => s.studentId === student.id)?.extraToday).toBe(extra);

    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        send(world, student, { conversationId: id, content: `Question number ${i}`, maxTokens: 100 }),
      ),
    );
    const served = results.filter((r) => r.status === 200);
    expect(served.length).toBeGreaterThan(0);
    expect(served.length).toBeLessThan(100);
    expect(results.every((r) => r.status === 200 || r.status === 429)).toBe(true);

    const row = (await budgetRow(student.id))!;
    expect(row.reservedTokens).toBe(0);
    expect(row.extraTokens).toBe(extra);
    expect(row.usedTokens).toBeGreaterThan(budget);
    expect(row.usedTokens).toBeLessThanOrEqual(budget + extra);
    const recorded = await db.usageEvent.aggregate({
      where: { userId: student.id, classId: world.classId },
      _sum: { promptTokens: true, completionTokens: true },
    });
    expect(budget + (recorded._sum.promptTokens ?? 0) + (recorded._sum.completionTokens ?? 0)).toBe(row.usedTokens);
    const after = (await world.caller(student).usage.today()).find((b) => b.classId === world.classId)!;
    expect(after.left).toBe(budget + extra - row.usedTokens);
  });

  it('a budget smaller than one turn: the extra alone pays for the reply', async () => {
    const db = world.db.prisma;
    const student = world.users.student;
    await db.class.update({ where: { id: world.classId }, data: { dailyTokenBudget: 10 } });
    await db.budgetDay.deleteMany({ where: { userId: student.id } });
    const { id } = await world.caller(student).conversations.create({ mode: 'GENERAL', classId: world.classId });
    expect((await send(world, student, { conversationId: id, content: 'Help me' })).status).toBe(429);
    await world.caller(world.users.teacher).teacher.grantExtra({
      classId: world.classId,
      studentId: student.id,
      tokens: 20_000,
    });
    const served = await send(world, student, { conversationId: id, content: 'Help me' });
    expect(served.status).toBe(200);
    expect((await budgetRow(student.id))!.usedTokens).toBeGreaterThan(10);
  });

  it('language practice reserves against budget + extra too, and only on the day it was given', async () => {
    const db = world.db.prisma;
    const userId = world.users.otherStudent.id;
    const key = { userId, scope: world.classId, day: today() };
    await db.budgetDay.create({ data: { ...key, usedTokens: 1_000, extraTokens: 500 } });
    expect(await reserveTokens(db, key, 501, 1_000)).toBe(false);
    expect(await reserveTokens(db, key, 500, 1_000)).toBe(true);
    // A budget smaller than one reservation: only the extra can hold it.
    expect(await reserveTokens(db, key, 600, 100)).toBe(false);
    await db.budgetDay.update({ where: { userId_scope_day: key }, data: { extraTokens: 5_000 } });
    expect(await reserveTokens(db, key, 600, 100)).toBe(true);
    const tomorrow = { ...key, day: new Date(today().getTime() + 86_400_000) };
    await db.budgetDay.create({ data: { ...tomorrow, usedTokens: 1_000 } });
    expect(await reserveTokens(db, tomorrow, 1, 1_000)).toBe(false);
  });
});
