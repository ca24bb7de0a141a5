import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, send, type World } from './harness';

// Leaving a class closes its conversations to the student: removed from the roster, or the class archived, a send
// is refused before anything is stored or charged to the class.

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.close());

const student = () => world.caller(world.users.student);
const teacher = () => world.caller(world.users.teacher);

async function refusedAndNothingStored(conversationId: string) {
  const before = await world.db.prisma.message.count({ where: { conversationId } });
  const budget = await world.db.prisma.budgetDay.findMany({ where: { userId: world.users.student.id } });
  const result = await send(world, world.users.student, { conversationId, content: 'Am I still here?' });
  expect(result.status).toBe(403);
  expect(result.error).toMatchObject({ code: 'FORBIDDEN' });
  expect(await world.db.prisma.message.count({ where: { conversationId } })).toBe(before);
  expect(await world.db.prisma.budgetDay.findMany({ where: { userId: world.users.student.id } })).toEqual(budget);
}

describe('a class conversation', () => {
  it('takes no more sends from a student removed from the class, and takes them again after rejoining', async () => {
    const { id } = await student().conversations.create({ mode: 'GENERAL', classId: world.classId });
    expect((await send(world, world.users.student, { conversationId: id, content: 'Hello' })).status).toBe(200);

    await teacher().teacher.removeStudent({ classId: world.classId, studentId: world.users.student.id });
    await refusedAndNothingStored(id);

    await student().classes.join({ joinCode: world.joinCode });
    expect((await send(world, world.users.student, { conversationId: id, content: 'Back again' })).status).toBe(200);
  });

  it('takes no more sends once the class is archived, for edits and retries too', async () => {
    const { id } = await student().conversations.create({ mode: 'GENERAL', classId: world.classId });
    const first = await send(world, world.users.student, { conversationId: id, content: 'Hello' });
    const start = first.events.find((e) => e.type === 'start');
    await teacher().teacher.archiveClass({ classId: world.classId, archived: true });
    await refusedAndNothingStored(id);
    if (start?.type !== 'start') throw new Error('no start event');
    const retry = await send(world, world.users.student, {
      conversationId: id,
      kind: 'retry',
      retryOf: start.assistantMessageId,
    });
    expect(retry.status).toBe(403);

    // A personal conversation is not affected.
    const personal = await student().conversations.create({ mode: 'GENERAL' });
    expect((await send(world, world.users.student, { conversationId: personal.id, content: 'Hi' })).status).toBe(200);
    await teacher().teacher.archiveClass({ classId: world.classId, archived: false });
  });

  it('tells a class’s models only to its members: a student outside it, or removed from it, learns nothing', async () => {
    const outsider = await world.db.prisma.user.create({
      data: { email: 'outsider@school.test', name: 'Outsider', role: 'STUDENT' },
    });
    const asOutsider = world.caller({ id: outsider.id, role: 'STUDENT', name: 'Outsider' });
    await expect(asOutsider.chat.models({ classId: world.classId })).rejects.toMatchObject({ appCode: 'NOT_FOUND' });
    await expect(asOutsider.chat.models({ classId: null })).resolves.toMatchObject({ defaultModel: null });

    await expect(student().chat.models({ classId: world.classId })).resolves.toMatchObject({
      defaultModel: 'gpt-4o-mini',
    });
    await teacher().teacher.removeStudent({ classId: world.classId, studentId: world.users.student.id });
    await expect(student().chat.models({ classId: world.classId })).rejects.toMatchObject({ appCode: 'NOT_FOUND' });
    await student().classes.join({ joinCode: world.joinCode });
  });
});
