import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, send, type World } from './harness';

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.close());

const showPrices = (on: boolean) =>
  world.caller(world.users.teacher).classes.update({ classId: world.classId, showPricesToStudents: on });

/** A class session of the student's with one answered turn, so it has a cost. */
async function answeredSession() {
  const { id } = await world
    .caller(world.users.student)
    .conversations.create({ mode: 'GENERAL', classId: world.classId });
  world.fake.enqueue({ reply: 'A short answer.' });
  const { events } = await send(world, world.users.student, { conversationId: id, content: 'A question' });
  return { id, events };
}

describe('money is for teachers and admins unless the class shows it to students', () => {
  it('sends a student no prices, no session cost and no cost in the stream by default', async () => {
    const student = world.caller(world.users.student);
    const { id, events } = await answeredSession();

    const models = await student.chat.models({ classId: world.classId });
    expect(models.models.length).toBeGreaterThan(0);
    expect(models.models.every((m) => m.prices === null)).toBe(true);
    expect((await student.chat.models({ classId: null })).models.every((m) => m.prices === null)).toBe(true);

    const conversation = await student.conversations.get({ conversationId: id });
    expect(conversation.usage.tokens).toBeGreaterThan(0);
    expect(conversation.usage.costMicros).toBeNull();
    expect(await world.db.prisma.usageEvent.count({ where: { conversationId: id, costMicros: { gt: 0 } } })).toBe(1);

    expect(events.at(-1)).toMatchObject({ type: 'done', status: 'COMPLETE' });
    expect(JSON.stringify(events)).not.toMatch(/cost|price/i);
    const daily = await student.usage.daily({ days: 1 });
    expect(daily[0]!.tokens).toBeGreaterThan(0);
    expect(JSON.stringify(daily)).not.toMatch(/cost|price/i);
  });

  it('shows the teacher of the class and an admin the prices and the cost of the same session', async () => {
    const { id } = await answeredSession();
    for (const user of [world.users.teacher, world.users.admin]) {
      const caller = world.caller(user);
      const models = await caller.chat.models({ classId: world.classId });
      expect(models.models.find((m) => m.id === 'gpt-4o-mini')!.prices).toMatchObject({ input: 0.15, output: 0.6 });
      expect((await caller.conversations.get({ conversationId: id })).usage.costMicros).toBeGreaterThan(0);
    }
  });

  it('shows the class’s students prices once the teacher turns the setting on, and never for personal sessions', async () => {
    const student = world.caller(world.users.student);
    const { id } = await answeredSession();
    await showPrices(true);
    try {
      const settings = await world.caller(world.users.teacher).teacher.settings({ classId: world.classId });
      expect(settings.showPricesToStudents).toBe(true);
      const models = await student.chat.models({ classId: world.classId });
      expect(models.models.find((m) => m.id === 'gpt-4o-mini')!.prices).toMatchObject({ input: 0.15, output: 0.6 });
      expect((await student.conversations.get({ conversationId: id })).usage.costMicros).toBeGreaterThan(0);
      expect((await student.chat.models({ classId: null })).models.every((m) => m.prices === null)).toBe(true);
    } finally {
      await showPrices(false);
    }
  });

  it('lets only the class’s teacher (or an admin) change the setting', async () => {
    await expect(
      world.caller(world.users.otherTeacher).classes.update({ classId: world.classId, showPricesToStudents: true }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      world.caller(world.users.student).classes.update({ classId: world.classId, showPricesToStudents: true }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const klass = await world.db.prisma.class.findUniqueOrThrow({ where: { id: world.classId } });
    expect(klass.showPricesToStudents).toBe(false);
  });
});
