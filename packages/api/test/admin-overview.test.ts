import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWorld, type World } from './harness';

// An admin's /teacher lists every teacher's classes: each says who teaches it, or a school of forty classes named
// "Year 9 Maths" reads as one teacher's list.

let world: World;
beforeAll(async () => {
  world = await createWorld();
  await world.db.prisma.class.create({
    data: { name: 'Other teacher’s class', teacherId: world.users.otherTeacher.id, joinCode: 'OTHER001' },
  });
});
afterAll(() => world.close());

it('the overview names each class’s teacher, for an admin and for the teacher', async () => {
  const teacherName = async (id: string) =>
    (await world.db.prisma.user.findUniqueOrThrow({ where: { id }, select: { name: true } })).name;
  const admin = await world.caller(world.users.admin).teacher.overview();
  expect(admin.map((c) => [c.name, c.teacherName]).sort()).toEqual(
    [
      ['Other teacher’s class', await teacherName(world.users.otherTeacher.id)],
      [
        (await world.db.prisma.class.findUniqueOrThrow({ where: { id: world.classId } })).name,
        await teacherName(world.users.teacher.id),
      ],
    ].sort(),
  );
  const own = await world.caller(world.users.teacher).teacher.overview();
  expect(own.map((c) => c.teacherName)).toEqual([await teacherName(world.users.teacher.id)]);
});
