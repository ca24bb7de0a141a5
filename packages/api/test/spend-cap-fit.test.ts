import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createWorld, send, type World } from './harness';

// Issue 11 item 4, rest: the language-practice grading calls skipped the money caps, and a turn the caps could pay a
// shorter reply for was refused outright. Grading now reserves against the caps like a chat turn, and a turn's reply
// cap shrinks to the money left (not below 128 tokens) before a refusal.
let world: World;
beforeAll(async () => {
  world = await createWorld({ LUMI_CHAT_RATE_LIMIT: '1000' });
});
afterAll(() => world.close());
beforeEach(async () => {
  world.fake.reset();
  await world.db.prisma.installationSettings.deleteMany();
  await world.db.prisma.spendLedger.deleteMany();
  await world.db.prisma.usageEvent.deleteMany();
});

const student = () => world.caller(world.users.student);
const admin = () => world.caller(world.users.admin).admin;
const noCaps = { monthUsd: null, teacherDayUsd: null, teacherMonthUsd: null };

async function totalSpentMicros() {
  return (await world.db.prisma.usageEvent.aggregate({ _sum: { costMicros: true } }))._sum.costMicros ?? 0;
}

describe('a reply under a spend cap', () => {
  async function conversation() {
    return world.db.prisma.conversation.create({
      data: { studentId: world.users.student.id, classId: world.classId, mode: 'GENERAL', model: 'gpt-4o-mini' },
    });
  }

  it('is shortened to what the money left pays for, and the cap holds', async () => {
    const first = await conversation();
    world.fake.setDefault({ reply: 'Short.' });
    // What one turn costs at most: its prompt and the default 1,024-token reply at gpt-4o-mini's prices.
    expect((await send(world, world.users.student, { conversationId: first.id, content: 'Hello' })).status).toBe(200);
    await world.services.generations.drain();
    const spent = await totalSpentMicros();
    // Room for the prompt and about 400 reply tokens (output $0.60 per million: 0.6 micro-dollars a token).
    const capUsd = (spent + 400 * 0.6 + 200) / 1e6;
    await admin().setSpendCaps({ dayUsd: capUsd, ...noCaps });

    const next = await conversation();
    const shortened = await send(world, world.users.student, { conversationId: next.id, content: 'Hello again' });
    expect(shortened.status).toBe(200);
    const start = shortened.events[0];
    expect(start?.type).toBe('start');
    const limit = start?.type === 'start' ? start.replyLimit : undefined;
    expect(limit).toBeGreaterThanOrEqual(128);
    expect(limit).toBeLessThan(1024);
    const request = world.fake.requests.at(-1)!.body as { max_tokens?: number; max_completion_tokens?: number };
    expect(request.max_completion_tokens ?? request.max_tokens).toBe(limit);
    await world.services.generations.drain();
    const row = await world.db.prisma.spendLedger.findUniqueOrThrow({ where: { scope: 'installation' } });
    expect(Number(row.daySpentMicros + row.dayReservedMicros)).toBeLessThanOrEqual(Math.round(capUsd * 1e6));
  });

  it('is refused when the money left would not pay for 128 tokens', async () => {
    const first = await conversation();
    world.fake.setDefault({ reply: 'Short.' });
    expect((await send(world, world.users.student, { conversationId: first.id, content: 'Hello' })).status).toBe(200);
    await world.services.generations.drain();
    await admin().setSpendCaps({ dayUsd: (await totalSpentMicros()) / 1e6 + 0.00001, ...noCaps });
    const next = await conversation();
    const refused = await send(world, world.users.student, { conversationId: next.id, content: 'Hello again' });
    expect(refused).toMatchObject({ status: 429, error: { code: 'SPEND_CAP_REACHED' } });
  });
});

describe('language-practice grading', () => {
  async function roleplayTurn() {
    const attempt = await student().practice.start({
      source: { kind: 'builtin', id: 'en-cafe-order' },
      classId: world.classId,
    });
    world.fake.enqueue({ reply: 'Sure! Anything else?' });
    world.fake.enqueue({ reply: JSON.stringify({ verdict: 'correct', edits: [], objectivesMet: [] }) });
    const reply = await send(world, world.users.student, {
      conversationId: attempt.conversationId!,
      content: 'A tea.',
    });
    expect(reply.status).toBe(200);
    await world.services.generations.drain();
    return attempt;
  }

  it('is counted against the caps', async () => {
    await admin().setSpendCaps({ dayUsd: 100, ...noCaps });
    const attempt = await roleplayTurn();
    const view = await student().practice.sync({ attemptId: attempt.id });
    expect(view.cards[0]).toMatchObject({ status: 'READY' });
    const row = await world.db.prisma.spendLedger.findUniqueOrThrow({ where: { scope: 'installation' } });
    expect(Number(row.daySpentMicros)).toBe(await totalSpentMicros());
    expect(row.dayReservedMicros).toBe(0n);
    expect(await world.db.prisma.usageEvent.count({ where: { attemptId: attempt.id, kind: 'EXERCISE' } })).toBe(2);
  });

  it('is "unavailable" once a cap is reached, and spends nothing', async () => {
    const attempt = await roleplayTurn();
    const partner = await world.db.prisma.usageEvent.findFirstOrThrow({
      where: { attemptId: attempt.id, messageId: { not: null } },
    });
    // Grading runs after the reply: a cap that leaves the next partner reply about 150 tokens (at gpt-4o-mini's
    // $0.15 in / $0.60 out per million) and nothing for grading once that reply has its share.
    const room = (partner.promptTokens + 60) * 0.15 + 150 * 0.6;
    await admin().setSpendCaps({ dayUsd: ((await totalSpentMicros()) + room) / 1e6, ...noCaps });
    world.fake.enqueue({ reply: 'Here you are.' });
    world.fake.enqueue({ reply: JSON.stringify({ verdict: 'correct', edits: [], objectivesMet: [] }) });
    const reply = await send(world, world.users.student, {
      conversationId: attempt.conversationId!,
      content: 'Thank you.',
    });
    expect(reply.status).toBe(200);
    await world.services.generations.drain();
    const view = await student().practice.sync({ attemptId: attempt.id });
    expect(view.cards[1]).toMatchObject({ status: 'UNAVAILABLE', reason: 'budget' });
    // Two partner replies and the first turn's grading; no grading call for the second turn reached the model.
    expect(await world.db.prisma.usageEvent.count({ where: { attemptId: attempt.id } })).toBe(3);
    const day = await world.db.prisma.budgetDay.findFirstOrThrow({ where: { userId: world.users.student.id } });
    expect(day.reservedTokens).toBe(0);
  });
});
