import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeAdmin } from '../src/admin/make-admin';
import { createTestDatabase, type TestDatabase } from '../src/testing';

// A real school's server starts without the demo school, and its teachers wait for an admin's approval: the
// operator makes the first admin from an account that signed up.
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

it('makes a signed-up account an admin, and says when no account has the email', async () => {
  await db.prisma.user.create({
    data: { email: 'head@school.test', name: 'Head', role: 'TEACHER', pendingApproval: true },
  });
  expect(await makeAdmin(db.prisma, '  HEAD@school.test ')).toEqual({
    email: 'head@school.test',
    name: 'Head',
    role: 'ADMIN',
  });
  expect(await db.prisma.user.findUniqueOrThrow({ where: { email: 'head@school.test' } })).toMatchObject({
    role: 'ADMIN',
    pendingApproval: false,
  });
  expect(await makeAdmin(db.prisma, 'nobody@school.test')).toBeNull();
  expect(await db.prisma.user.count({ where: { role: 'ADMIN' } })).toBe(1);
});
