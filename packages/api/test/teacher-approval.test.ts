import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { currentSessionUser } from '../src';
import { createWorld, send, type World } from './harness';

// Issue 11 item 4: anyone could sign up as a teacher and spend the school's key. A teacher who signs up waits for an
// admin: until approved they sign in but create no classes; a disabled teacher is signed out and their classes stop
// spending.
let world: World;
beforeAll(async () => {
  world = await createWorld();
  world.fake.setDefault({ reply: 'Fine.' });
});
afterAll(() => world.close());
beforeEach(async () => {
  await world.db.prisma.user.updateMany({
    where: { id: world.users.teacher.id },
    data: { disabledAt: null, pendingApproval: false },
  });
});

async function signUpTeacher(email: string) {
  await world
    .caller(null)
    .account.signUp({ role: 'TEACHER', name: 'Self Made', email, password: 'quiet orchard lantern' });
  const user = await world.db.prisma.user.findUniqueOrThrow({ where: { email } });
  return { id: user.id, role: user.role, name: user.name };
}

it('a teacher who signs up waits: signs in, creates no class, until an admin approves', async () => {
  const teacher = await signUpTeacher('self.made@school.test');
  expect(await currentSessionUser(world.db.prisma, { id: teacher.id, version: 0 })).toMatchObject({ role: 'TEACHER' });
  expect(await world.caller(teacher).account.me()).toMatchObject({ pendingApproval: true });
  await expect(
    world.caller(teacher).classes.create({ name: 'Huge budget', dailyTokenBudget: 10_000_000 }),
  ).rejects.toMatchObject({
    appCode: 'TEACHER_NOT_APPROVED',
  });
  expect(await world.db.prisma.class.count({ where: { teacherId: teacher.id } })).toBe(0);

  const listed = await world.caller(world.users.admin).admin.teachers();
  expect(listed[0]).toMatchObject({ id: teacher.id, status: 'PENDING', classes: 0 });
  expect(listed.find((t) => t.id === world.users.teacher.id)).toMatchObject({ status: 'APPROVED' });

  await world.caller(world.users.admin).admin.approveTeacher({ teacherId: teacher.id });
  expect(await world.caller(teacher).account.me()).toMatchObject({ pendingApproval: false });
  await expect(world.caller(teacher).classes.create({ name: 'Chemistry' })).resolves.toMatchObject({
    name: 'Chemistry',
  });
});

it('only an admin approves, disables or lists teachers', async () => {
  const { student, teacher, otherTeacher } = world.users;
  for (const who of [student, teacher]) {
    const caller = world.caller(who);
    await expect(caller.admin.teachers()).rejects.toMatchObject({ appCode: 'FORBIDDEN' });
    await expect(caller.admin.approveTeacher({ teacherId: otherTeacher.id })).rejects.toMatchObject({
      appCode: 'FORBIDDEN',
    });
    await expect(caller.admin.setTeacherDisabled({ teacherId: otherTeacher.id, disabled: true })).rejects.toMatchObject(
      {
        appCode: 'FORBIDDEN',
      },
    );
  }
  await expect(world.caller(null).admin.teachers()).rejects.toMatchObject({ appCode: 'UNAUTHORIZED' });
  // Only teacher accounts: an admin or a student is no teacher to approve or disable here.
  const admin = world.caller(world.users.admin).admin;
  await expect(admin.setTeacherDisabled({ teacherId: student.id, disabled: true })).rejects.toMatchObject({
    appCode: 'NOT_FOUND',
  });
  await expect(admin.approveTeacher({ teacherId: world.users.admin.id })).rejects.toMatchObject({
    appCode: 'NOT_FOUND',
  });
  expect((await world.db.prisma.user.findUniqueOrThrow({ where: { id: student.id } })).disabledAt).toBeNull();
});

it('a disabled teacher is signed out and their classes stop spending; enabled again, they go on', async () => {
  const { teacher, student, admin } = world.users;
  const conversation = await world.db.prisma.conversation.create({
    data: { studentId: student.id, classId: world.classId, mode: 'GENERAL', model: 'gpt-4o-mini' },
  });
  const ask = () => send(world, student, { conversationId: conversation.id, content: 'What is a prime?' });
  expect((await ask()).status).toBe(200);
  await world.services.generations.drain();

  await world.caller(world.users.admin).admin.setTeacherDisabled({ teacherId: teacher.id, disabled: true });
  expect(await currentSessionUser(world.db.prisma, { id: teacher.id, version: 0 })).toBeNull();
  const refused = await ask();
  expect(refused).toMatchObject({ status: 429, error: { code: 'SPEND_CAP_REACHED' } });
  expect((await world.caller(admin).admin.teachers()).find((t) => t.id === teacher.id)).toMatchObject({
    status: 'DISABLED',
  });

  await world.caller(admin).admin.setTeacherDisabled({ teacherId: teacher.id, disabled: false });
  expect((await ask()).status).toBe(200);
  await world.services.generations.drain();
});

it('a class whose teacher waits for approval spends nothing', async () => {
  await world.db.prisma.user.update({ where: { id: world.users.teacher.id }, data: { pendingApproval: true } });
  const conversation = await world.db.prisma.conversation.create({
    data: { studentId: world.users.student.id, classId: world.classId, mode: 'GENERAL', model: 'gpt-4o-mini' },
  });
  const refused = await send(world, world.users.student, { conversationId: conversation.id, content: 'Hello?' });
  expect(refused).toMatchObject({ status: 429, error: { code: 'SPEND_CAP_REACHED' } });
  expect(await world.db.prisma.message.count({ where: { conversationId: conversation.id } })).toBe(0);
});
