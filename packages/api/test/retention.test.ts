import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { appRouter, createCallerFactory, createContext, type SessionUser } from '../src';
import { RETENTION_LOCK, runRetention, scheduleRetention } from '../src/admin/retention';
import { dashboardWorld } from './dashboard-fixtures';
import { ADMIN_ONLY, callerAs, outcome, WHO, type Who } from './roles';

const { world, fixture } = dashboardWorld();

const DAY_MS = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS);
/** A caller on a node whose clock reads `at`. */
const callerAt = (at: Date, user: SessionUser) =>
  createCallerFactory(appRouter)(createContext({ ...world.services, now: () => at }, user));

const caller = (who: Who) => callerAs(world, who);

const usageTotals = () =>
  world.db.prisma.usageEvent.aggregate({
    _count: true,
    _sum: { promptTokens: true, completionTokens: true, costMicros: true },
  });

describe('who may read, set and run retention', () => {
  const cases: Array<[string, (who: Who) => Promise<unknown>]> = [
    ['admin.retention', (w) => caller(w).admin.retention()],
    ['admin.setRetention (off, as it is)', (w) => caller(w).admin.setRetention({ days: null })],
    ['admin.runRetention (off: a no-op)', (w) => caller(w).admin.runRetention()],
  ];
  for (const [name, run] of cases) {
    it(name, async () => {
      const actual: string[] = [];
      for (const who of WHO) actual.push(await outcome(() => run(who)));
      expect(actual).toEqual(ADMIN_ONLY);
    });
  }
});

describe('the retention job', () => {
  it('is off by default: running it keeps every message', async () => {
    expect(await caller('admin').admin.retention()).toEqual({ days: null, lastRunAt: null, lastRemoved: 0 });
    expect(await caller('admin').admin.runRetention()).toEqual({ status: 'off' });
    expect(await world.db.prisma.message.count({ where: { redactedAt: { not: null } } })).toBe(0);
  });

  it('rejects a period that is not a whole number of days from 1 to 3650, and changes nothing', async () => {
    for (const days of [0, -3, 1.5, 3651]) {
      const error = await caller('admin')
        .admin.setRetention({ days })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe('BAD_REQUEST');
    }
    expect((await caller('admin').admin.retention()).days).toBeNull();
  });

  it('removes only text older than the period, keeps usage, cost and flags, and runs once a day', async () => {
    const db = world.db.prisma;
    const before = await usageTotals();
    const streaming = await db.message.create({
      data: {
        conversationId: fixture.conversationId,
        role: 'ASSISTANT',
        content: 'still being written',
        tokenCount: 3,
        status: 'STREAMING',
        createdAt: new Date(Date.now() - DAY_MS),
      },
    });
    await db.conversation.update({
      where: { id: fixture.conversationId },
      data: { summary: 'The student asked about photosynthesis', summaryTokens: 7 },
    });
    expect(await caller('admin').admin.setRetention({ days: 30 })).toEqual({ days: 30 });

    // Today: the class messages are a day old, well inside 30 days.
    const today = await callerAt(new Date(), world.users.admin).admin.runRetention();
    expect(today).toMatchObject({ status: 'done', removed: 0 });

    // 31 days on, without "run now": the day's run is due and removes the day-old messages.
    const later = inDays(31);
    const run = await runRetention({ db, now: () => later });
    expect(run).toMatchObject({ status: 'done', removed: 6 });
    const messages = await db.message.findMany({
      where: { conversation: { studentId: world.users.student.id } },
      select: { id: true, content: true, redactedAt: true, status: true, tokenCount: true },
    });
    for (const m of messages) {
      if (m.id === streaming.id) expect(m).toMatchObject({ content: 'still being written', redactedAt: null });
      else expect(m).toMatchObject({ content: '', redactedAt: later });
    }
    const vectors = await db.$queryRaw<Array<{ empty: boolean }>>`
      SELECT coalesce(length("searchVector"), 0) = 0 AS "empty" FROM "Message" WHERE "redactedAt" IS NOT NULL`;
    expect(vectors.every((v) => v.empty)).toBe(true);
    const found = await caller('teacher').teacher.search({ classId: world.classId, query: '光合' });
    expect(JSON.stringify(found)).not.toContain('光合作用');
    const conversation = await db.conversation.findUniqueOrThrow({ where: { id: fixture.conversationId } });
    expect(conversation).toMatchObject({ title: 'New session', summary: null, summaryTokens: 0 });
    // The money and the flags stay.
    expect(await usageTotals()).toEqual(before);
    expect(await db.moderationFlag.count({ where: { id: fixture.flagId } })).toBe(1);
    const transcript = await caller('teacher').teacher.transcript({ conversationId: fixture.conversationId });
    expect(transcript.messages[0]).toMatchObject({ content: '', redactedAt: later, tokenCount: 10 });
    expect(await caller('admin').admin.retention()).toEqual({ days: 30, lastRunAt: later, lastRemoved: 6 });

    // The same day again: not due; "run now" runs it and finds nothing more.
    expect(await runRetention({ db, now: () => later })).toEqual({ status: 'not-due', lastRunAt: later });
    expect(await callerAt(later, world.users.admin).admin.runRetention()).toMatchObject({
      status: 'done',
      removed: 0,
    });
  });

  it('never runs twice at once: a node finds it busy while another holds the lock', async () => {
    const db = world.db.prisma;
    const at = inDays(32);
    const result = await db.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${RETENTION_LOCK})`;
      return runRetention({ db, now: () => at }, { force: true });
    });
    expect(result).toEqual({ status: 'busy' });
  });

  it('two nodes checking the same day: exactly one of them runs it', async () => {
    const nodeB = world.otherNode();
    const at = inDays(40);
    const runs = await Promise.all([
      runRetention({ db: world.db.prisma, now: () => at }),
      runRetention({ db: nodeB, now: () => at }),
    ]);
    expect(runs.filter((r) => r.status === 'done')).toHaveLength(1);
    expect(runs.map((r) => r.status).sort()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^(busy|not-due)$/)]),
    );
  });

  it('each node checks as it starts, so a due run happens without anyone asking', async () => {
    const at = inDays(50);
    const stop = scheduleRetention({ ...world.services, now: () => at });
    try {
      await expect
        .poll(async () => (await caller('admin').admin.retention()).lastRunAt, { timeout: 10_000 })
        .toEqual(at);
    } finally {
      stop();
    }
  });
});
