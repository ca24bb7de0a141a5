import { afterAll, beforeAll, expect, it } from 'vitest';
import { verifyCredentials } from '../src';
import { createWorld, type World } from './harness';

// Issue 11 should-fix: sign-up answered EMAIL_TAKEN, telling anyone which emails have accounts. It now answers the
// same either way and leaves an existing account exactly as it was.
let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.close());

const anonymous = () => world.caller(null);

it('answers a taken email exactly as a new one, and changes nothing about the existing account', async () => {
  const before = await world.db.prisma.user.findUniqueOrThrow({
    where: { email: 'student@school.test' },
    include: { enrollments: true },
  });
  const other = await world.db.prisma.class.create({
    data: { name: 'Art', teacherId: world.users.otherTeacher.id, joinCode: 'ART777' },
  });

  const fresh = await anonymous().account.signUp({
    role: 'STUDENT',
    name: 'New Person',
    email: 'new.person@school.test',
    password: 'violet tangerine meadow',
    joinCode: 'ART777',
  });
  const taken = await anonymous().account.signUp({
    role: 'STUDENT',
    name: 'Somebody Else',
    email: 'STUDENT@school.test',
    password: 'violet tangerine meadow',
    joinCode: 'ART777',
  });
  const takenAsTeacher = await anonymous().account.signUp({
    role: 'TEACHER',
    name: 'Somebody Else',
    email: 'student@school.test',
    password: 'violet tangerine meadow',
  });
  expect(taken).toEqual(fresh);
  expect(takenAsTeacher).toEqual(fresh);
  expect(JSON.stringify(fresh)).not.toMatch(/new\.person|@|id/i);

  const after = await world.db.prisma.user.findUniqueOrThrow({
    where: { email: 'student@school.test' },
    include: { enrollments: true },
  });
  expect(after).toEqual(before);
  expect(await world.db.prisma.enrollment.count({ where: { classId: other.id, studentId: before.id } })).toBe(0);
  // The owner's password still works and the typed one does not; the new account signs in with its own.
  const signIn = (email: string, password: string) =>
    verifyCredentials(world.db.prisma, { email, password }, new Date()).then((r) => r.ok);
  expect(await signIn('student@school.test', 'correct horse battery')).toBe(true);
  expect(await signIn('student@school.test', 'violet tangerine meadow')).toBe(false);
  expect(await signIn('new.person@school.test', 'violet tangerine meadow')).toBe(true);
});
