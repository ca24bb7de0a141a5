import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWorld, type World } from './harness';

// "Last active" on the roster is when the student last used the tutor in the class: a translation drill is not a
// session, but a teacher who sees 1,200 tokens today next to "last active 5 days ago" stops trusting the page.

let world: World;
const now = Date.now();
const minutesAgo = (m: number) => new Date(now - m * 60_000);

beforeAll(async () => {
  world = await createWorld();
  const { prisma } = world.db;
  const session = await prisma.conversation.create({
    data: {
      studentId: world.users.student.id,
      classId: world.classId,
      mode: 'GENERAL',
      model: 'gpt-4o-mini',
      title: 'Fractions',
      lastMessageAt: minutesAgo(5 * 24 * 60),
    },
  });
  const drill = {
    classId: world.classId,
    kind: 'EXERCISE' as const,
    model: 'gpt-4o-mini',
    promptTokens: 900,
    completionTokens: 300,
    costMicros: 315,
  };
  await prisma.usageEvent.createMany({
    data: [
      // The session's own reply, five days ago; then drills (no session) today.
      {
        ...drill,
        kind: 'CHAT',
        userId: world.users.student.id,
        conversationId: session.id,
        createdAt: minutesAgo(5 * 24 * 60),
      },
      { ...drill, userId: world.users.student.id, createdAt: minutesAgo(30) },
      // The other student has only ever done drills.
      { ...drill, userId: world.users.otherStudent.id, createdAt: minutesAgo(90) },
    ],
  });
});
afterAll(() => world.close());

it('the roster and its CSV say a student was last active at their latest use in the class, drills included', async () => {
  const teacher = world.caller(world.users.teacher);
  const roster = await teacher.teacher.roster({ classId: world.classId });
  const row = (id: string) => roster.students.find((s) => s.studentId === id)!;
  expect(row(world.users.student.id).tokensToday).toBe(1_200);
  expect(row(world.users.student.id).lastActiveAt).toEqual(minutesAgo(30));
  expect(row(world.users.otherStudent.id).sessions).toBe(0);
  expect(row(world.users.otherStudent.id).lastActiveAt).toEqual(minutesAgo(90));

  const csv = await teacher.teacher.exportRoster({ classId: world.classId });
  expect(csv.content).toContain(minutesAgo(30).toISOString());
  expect(csv.content).toContain(minutesAgo(90).toISOString());
});
