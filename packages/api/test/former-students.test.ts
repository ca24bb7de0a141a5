import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWorld, type World } from './harness';

// Removing a student keeps their sessions in the class; the teacher must still be able to list just theirs.

let world: World;
beforeAll(async () => {
  world = await createWorld();
  const { prisma } = world.db;
  for (const [studentId, classId] of [
    [world.users.student.id, world.classId],
    [world.users.otherStudent.id, world.classId],
    [world.users.otherStudent.id, null],
  ] as const) {
    await prisma.conversation.create({
      data: { studentId, classId, mode: 'GENERAL', model: 'gpt-4o-mini', title: 'A session' },
    });
  }
});
afterAll(() => world.close());

it('lists the students removed from the class whose sessions remain, and no one still in it', async () => {
  const teacher = world.caller(world.users.teacher);
  expect(await teacher.teacher.formerStudents({ classId: world.classId })).toEqual([]);
  await teacher.teacher.removeStudent({ classId: world.classId, studentId: world.users.otherStudent.id });
  expect(await teacher.teacher.formerStudents({ classId: world.classId })).toEqual([
    { studentId: world.users.otherStudent.id, name: world.users.otherStudent.name },
  ]);
  // Their sessions in the class are still listed when filtered by them.
  const theirs = await teacher.teacher.conversations({
    classId: world.classId,
    studentId: world.users.otherStudent.id,
  });
  expect(theirs.items).toHaveLength(1);
});
