import { seedDemoSchool } from '@lumi/db/seed';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createWorld, type World } from './harness';

let world: World;
beforeAll(async () => {
  world = await createWorld();
  await seedDemoSchool(world.db.prisma);
});
afterAll(() => world.close());

it('a demo student’s “Today’s budget” has today’s charted tokens taken off', async () => {
  const { logins } = await seedDemoSchool(world.db.prisma);
  const students = await world.db.prisma.user.findMany({
    where: { email: { in: logins.filter((l) => l.role === 'STUDENT').map((l) => l.email) } },
  });
  expect(students).toHaveLength(6);
  let usedToday = 0;
  for (const student of students) {
    const caller = world.caller({ id: student.id, role: student.role, name: student.name });
    const [budget] = await caller.usage.today();
    const chart = await caller.usage.daily({ days: 14 });
    expect(budget).toMatchObject({ used: chart.at(-1)!.tokens, reserved: 0 });
    expect(budget!.left).toBe(budget!.budget - chart.at(-1)!.tokens);
    usedToday += budget!.used;
  }
  // Today's use is random per weekday; across the class there is some on a school day.
  const weekday = ![0, 6].includes(new Date().getUTCDay());
  if (weekday) expect(usedToday).toBeGreaterThan(0);
});
