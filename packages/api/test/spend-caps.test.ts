import { costMicros, type Usage } from '@lumi/chat-core';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createServices, handleSendMessage, type LumiServices, type SessionUser } from '../src';
import { INSTALLATION_SCOPE, teacherScope } from '../src/chat/spend-caps';
import { createWorld, type World } from './harness';

// Issue 11 item 4: nothing capped what the school's key could spend; anyone signing up as a teacher could spend
// without limit. Caps in money per day and month, for the installation and per teacher, reserved atomically with
// the student's token budget.
let world: World;
/** A second app node: its own services and database pool on the same database. */
let nodeB: LumiServices;
let students: SessionUser[];
beforeAll(async () => {
  world = await createWorld({ LUMI_CHAT_RATE_LIMIT: '1000' });
  nodeB = createServices({
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: world.fake.url,
    LUMI_CHAT_RATE_LIMIT: '1000',
    DATABASE_URL: world.db.url,
  });
  students = await Promise.all(
    Array.from({ length: 10 }, async (_, i) => {
      const user = await world.db.prisma.user.create({
        data: { email: `cap${i}@school.test`, name: `Cap ${i}`, role: 'STUDENT' },
      });
      await world.db.prisma.enrollment.create({ data: { classId: world.classId, studentId: user.id } });
      return { id: user.id, role: user.role, name: user.name };
    }),
  );
});
afterAll(async () => {
  await nodeB.generations.drain();
  await nodeB.db.$disconnect();
  await world.close();
});
beforeEach(async () => {
  world.fake.reset();
  world.fake.setDefault({ reply: 'A short answer from the tutor.', delayMs: 30 });
  await world.db.prisma.spendLedger.deleteMany();
  await world.db.prisma.installationSettings.deleteMany();
  await world.db.prisma.teacherSpendCap.deleteMany();
  await world.db.prisma.budgetDay.deleteMany();
});

const catalogEntry = () => world.services.catalog.require('gpt-4o-mini');

async function sendAs(services: LumiServices, student: SessionUser, classId: string | null, content: string) {
  const conversation = await world.db.prisma.conversation.create({
    data: { studentId: student.id, classId, mode: 'GENERAL', model: 'gpt-4o-mini' },
  });
  const request = new Request('http://lumi.test/api/chat', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ kind: 'send', conversationId: conversation.id, clientId: crypto.randomUUID(), content }),
  });
  const response = await handleSendMessage(request, services, student);
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    await response.text();
    return { status: response.status, code: null, conversationId: conversation.id };
  }
  const body = (await response.json()) as { error: { code: string; resetAt?: string; message: string } };
  return { status: response.status, code: body.error.code, error: body.error, conversationId: conversation.id };
}

/** 100 sends at once, half through each node, spread over ten students. */
function hundredSends(classId: string | null) {
  return Promise.all(
    Array.from({ length: 100 }, (_, i) =>
      sendAs(i % 2 ? nodeB : world.services, students[i % students.length]!, classId, `Question ${i}`),
    ),
  );
}

/** What one turn of these reserves: its prompt and the default 1,024-token reply cap. */
async function reservationOfOneTurn(classId: string | null) {
  const first = await sendAs(world.services, students[0]!, classId, 'Question 0');
  const usage = await world.db.prisma.usageEvent.findFirstOrThrow({ where: { conversationId: first.conversationId } });
  await world.db.prisma.spendLedger.deleteMany();
  await world.db.prisma.usageEvent.deleteMany();
  const worst: Usage = { promptTokens: usage.promptTokens, completionTokens: 1024, cachedTokens: 0 };
  return costMicros(worst, catalogEntry());
}

async function ledger(scope: string) {
  return world.db.prisma.spendLedger.findUniqueOrThrow({ where: { scope } });
}

it('an installation day cap holds across 100 concurrent sends on two nodes, with a clear refusal', async () => {
  const reservation = await reservationOfOneTurn(world.classId);
  const cap = reservation * 12;
  await world.db.prisma.installationSettings.create({ data: { capsSavedAt: new Date(), spendCapDayMicros: cap } });

  const results = await hundredSends(world.classId);
  const served = results.filter((r) => r.status === 200);
  const refused = results.filter((r) => r.status !== 200);
  expect(served.length).toBeGreaterThanOrEqual(12);
  expect(refused.length).toBeGreaterThan(0);
  for (const r of refused) {
    expect(r).toMatchObject({ status: 429, code: 'SPEND_CAP_REACHED' });
    expect(r.error!.message).toContain('this school today');
    expect(new Date(r.error!.resetAt!).getUTCHours()).toBe(0);
  }
  // Refused sends store nothing.
  for (const r of refused)
    expect(await world.db.prisma.message.count({ where: { conversationId: r.conversationId } })).toBe(0);

  await Promise.all([world.services.generations.drain(), nodeB.generations.drain()]);
  const row = await ledger(INSTALLATION_SCOPE);
  const spent = await world.db.prisma.usageEvent.aggregate({ _sum: { costMicros: true } });
  expect(row.dayReservedMicros).toBe(0n);
  expect(row.monthReservedMicros).toBe(0n);
  expect(row.daySpentMicros).toBe(BigInt(spent._sum.costMicros!));
  expect(Number(row.daySpentMicros)).toBeLessThanOrEqual(cap);
  expect(row.dayCapMicros).toBe(BigInt(cap));
  // Every budget reservation was given back or settled.
  const budgets = await world.db.prisma.budgetDay.findMany();
  for (const b of budgets) expect(b.reservedTokens).toBe(0);
});

it("a teacher's own month cap holds for their classes, while personal sessions go on", async () => {
  const reservation = await reservationOfOneTurn(world.classId);
  await world.db.prisma.installationSettings.create({
    data: { capsSavedAt: new Date(), teacherSpendCapMonthMicros: reservation * 100 },
  });
  await world.db.prisma.teacherSpendCap.create({
    data: { teacherId: world.users.teacher.id, monthMicros: reservation * 5 },
  });

  const results = await hundredSends(world.classId);
  const refused = results.filter((r) => r.status !== 200);
  expect(refused.length).toBeGreaterThan(0);
  for (const r of refused) {
    expect(r.code).toBe('SPEND_CAP_REACHED');
    expect(r.error!.message).toContain("this class's teacher this month");
    expect(new Date(r.error!.resetAt!).getUTCDate()).toBe(1);
  }
  await Promise.all([world.services.generations.drain(), nodeB.generations.drain()]);
  const row = await ledger(teacherScope(world.users.teacher.id));
  expect(row.monthReservedMicros).toBe(0n);
  expect(Number(row.monthSpentMicros)).toBeLessThanOrEqual(reservation * 5);
  expect(row.monthCapMicros).toBe(BigInt(reservation * 5));

  // A personal session is not charged to any teacher.
  const personal = await sendAs(world.services, students[0]!, null, 'A personal question');
  expect(personal.status).toBe(200);
});

it('caps come from the environment until an admin saves the settings; unset means no cap', async () => {
  const reservation = await reservationOfOneTurn(world.classId);
  const capped = createServices({
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: world.fake.url,
    LUMI_CHAT_RATE_LIMIT: '1000',
    DATABASE_URL: world.db.url,
    // A twentieth of one turn's reservation: not even the shortest reply a turn is started with (128 tokens) fits.
    LUMI_SPEND_CAP_DAY_USD: (reservation / 20 / 1_000_000).toFixed(6),
  });
  try {
    expect((await sendAs(capped, students[1]!, world.classId, 'Capped by the environment')).code).toBe(
      'SPEND_CAP_REACHED',
    );
    // Caps an admin saved (here: no caps at all) take over from the environment.
    await world.db.prisma.installationSettings.create({ data: { capsSavedAt: new Date() } });
    expect((await sendAs(capped, students[1]!, world.classId, 'No cap now')).status).toBe(200);
    await capped.generations.drain();
  } finally {
    await capped.db.$disconnect();
  }
});
