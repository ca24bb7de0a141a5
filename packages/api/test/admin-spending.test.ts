import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createWorld, send, type World } from './harness';

// Issue 11 item 4: the admin sets the spending caps and which models sessions outside any class may use; personal
// sessions get a cheap set until then, not every model in the catalog. The installation's ledger row is written only
// when a cap is set (every turn used to write it twice).
let world: World;
beforeAll(async () => {
  world = await createWorld({ LUMI_CHAT_RATE_LIMIT: '1000' });
  world.fake.setDefault({ reply: 'A short answer.' });
});
afterAll(() => world.close());
beforeEach(async () => {
  await world.db.prisma.installationSettings.deleteMany();
  await world.db.prisma.teacherSpendCap.deleteMany();
  await world.db.prisma.spendLedger.deleteMany();
});

const admin = () => world.caller(world.users.admin);
const student = () => world.caller(world.users.student);
const EXPENSIVE = ['gpt-4o', 'gpt-4.1', 'gpt-5'];

async function personalConversation(model = 'gpt-4o-mini') {
  return world.db.prisma.conversation.create({
    data: { studentId: world.users.student.id, classId: null, mode: 'GENERAL', model },
  });
}

it('personal sessions get the cheap models until an admin chooses; classes keep their own', async () => {
  const personal = (await student().chat.models({})).models.map((m) => m.id);
  expect(personal).toEqual(expect.arrayContaining(['gpt-4o-mini', 'gpt-5-mini']));
  for (const id of EXPENSIVE) expect(personal).not.toContain(id);
  expect((await student().chat.models({ classId: world.classId })).models.map((m) => m.id)).toEqual([
    'gpt-4o-mini',
    'gpt-4o',
  ]);

  await expect(student().conversations.create({ mode: 'GENERAL', model: 'gpt-5' })).rejects.toMatchObject({
    appCode: 'MODEL_NOT_ALLOWED',
  });
  const conversation = await personalConversation('gpt-4o');
  const refused = await send(world, world.users.student, {
    conversationId: conversation.id,
    content: 'Hi',
    model: 'gpt-4o',
  });
  expect(refused).toMatchObject({ status: 400, error: { code: 'MODEL_NOT_ALLOWED' } });
  // A session left on a model no longer open moves to an open one.
  const moved = await send(world, world.users.student, { conversationId: conversation.id, content: 'Hi' });
  expect(moved.status).toBe(200);
  expect(personal).toContain(moved.events[0]!.type === 'start' && moved.events[0]!.model);
  await world.services.generations.drain();
});

it("an admin's choice of personal models applies at once, and only an admin makes it", async () => {
  await expect(student().admin.setPersonalModels({ models: ['gpt-5'] })).rejects.toMatchObject({
    appCode: 'FORBIDDEN',
  });
  await expect(world.caller(world.users.teacher).admin.setPersonalModels({ models: ['gpt-5'] })).rejects.toMatchObject({
    appCode: 'FORBIDDEN',
  });
  await expect(admin().admin.setPersonalModels({ models: ['gpt-99'] })).rejects.toMatchObject({
    appCode: 'UNKNOWN_MODEL',
  });
  await expect(admin().admin.setPersonalModels({ models: [] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  expect(await world.db.prisma.installationSettings.count()).toBe(0);

  await admin().admin.setPersonalModels({ models: ['gpt-4o'] });
  expect((await student().chat.models({})).models.map((m) => m.id)).toEqual(['gpt-4o']);
  expect((await admin().admin.spending()).personal).toMatchObject({ chosen: true, models: ['gpt-4o'] });
  const conversation = await personalConversation('gpt-4o');
  const served = await send(world, world.users.student, {
    conversationId: conversation.id,
    content: 'Hi',
    model: 'gpt-4o',
  });
  expect(served.status).toBe(200);
  await world.services.generations.drain();
});

it('writes no ledger row while nothing is capped; a cap set later counts what was already spent', async () => {
  const conversation = await personalConversation();
  for (let i = 0; i < 3; i++) {
    expect((await send(world, world.users.student, { conversationId: conversation.id, content: `Q${i}` })).status).toBe(
      200,
    );
  }
  await world.services.generations.drain();
  expect(await world.db.prisma.spendLedger.count()).toBe(0);

  const spent = await world.db.prisma.usageEvent.aggregate({ _sum: { costMicros: true } });
  const spentUsd = spent._sum.costMicros! / 1e6;
  expect((await admin().admin.spending()).spentUsd.day).toBeCloseTo(spentUsd, 6);
  // A day cap just above what was spent: the next turn's worst case does not fit.
  await admin().admin.setSpendCaps({
    dayUsd: spentUsd + 0.000001,
    monthUsd: null,
    teacherDayUsd: null,
    teacherMonthUsd: null,
  });
  const row = await world.db.prisma.spendLedger.findUniqueOrThrow({ where: { scope: 'installation' } });
  expect(Number(row.daySpentMicros)).toBe(spent._sum.costMicros);
  const refused = await send(world, world.users.student, { conversationId: conversation.id, content: 'Q4' });
  expect(refused).toMatchObject({ status: 429, error: { code: 'SPEND_CAP_REACHED' } });

  // Removing the cap lets turns through again, and they leave the ledger alone.
  await admin().admin.setSpendCaps({ dayUsd: null, monthUsd: null, teacherDayUsd: null, teacherMonthUsd: null });
  expect(await world.db.prisma.spendLedger.count()).toBe(0);
  expect((await send(world, world.users.student, { conversationId: conversation.id, content: 'Q5' })).status).toBe(200);
  await world.services.generations.drain();
  expect(await world.db.prisma.spendLedger.count()).toBe(0);
});

it("a teacher's own cap set by the admin holds for their classes", async () => {
  const { teacher } = world.users;
  await expect(
    world.caller(teacher).admin.setTeacherCaps({ teacherId: teacher.id, dayUsd: 100, monthUsd: null }),
  ).rejects.toMatchObject({ appCode: 'FORBIDDEN' });
  await expect(
    admin().admin.setTeacherCaps({ teacherId: teacher.id, dayUsd: -1, monthUsd: null }),
  ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  await admin().admin.setTeacherCaps({ teacherId: teacher.id, dayUsd: 0.000001, monthUsd: null });
  expect((await admin().admin.teachers()).find((t) => t.id === teacher.id)).toMatchObject({ dayCapUsd: 0.000001 });
  const inClass = await world.db.prisma.conversation.create({
    data: { studentId: world.users.student.id, classId: world.classId, mode: 'GENERAL', model: 'gpt-4o-mini' },
  });
  const refused = await send(world, world.users.student, { conversationId: inClass.id, content: 'Hi' });
  expect(refused).toMatchObject({ status: 429, error: { code: 'SPEND_CAP_REACHED' } });
  expect(refused.error!.message).toContain("this class's teacher today");
  // Personal sessions are not the teacher's to pay for.
  const own = await personalConversation();
  expect((await send(world, world.users.student, { conversationId: own.id, content: 'Hi' })).status).toBe(200);
  await world.services.generations.drain();
});

it("the environment's caps hold until an admin saves caps, whatever else the admin saves", async () => {
  const other = await createWorld({ LUMI_SPEND_CAP_DAY_USD: '0.000001' });
  try {
    await other.caller(other.users.admin).admin.setRetention({ days: 30 });
    await other.caller(other.users.admin).admin.setPersonalModels({ models: ['gpt-4o-mini'] });
    expect((await other.caller(other.users.admin).admin.spending()).caps).toMatchObject({
      saved: false,
      dayUsd: 0.000001,
    });
    const conversation = await other.db.prisma.conversation.create({
      data: { studentId: other.users.student.id, classId: null, mode: 'GENERAL', model: 'gpt-4o-mini' },
    });
    const refused = await send(other, other.users.student, { conversationId: conversation.id, content: 'Hi' });
    expect(refused).toMatchObject({ status: 429, error: { code: 'SPEND_CAP_REACHED' } });
  } finally {
    await other.close();
  }
});
