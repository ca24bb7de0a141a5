import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../src/account/passwords';
import { createWorld, type World } from './harness';

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.close());

const passwordOf = async (userId: string) =>
  (await world.db.prisma.user.findUniqueOrThrow({ where: { id: userId } })).passwordHash!;

describe('a forgotten password', () => {
  it('a teacher issues a one-time code for a student of their class; it sets a new password once', async () => {
    const { student } = world.users;
    const issued = await world.caller(world.users.teacher).passwordReset.issue({ userId: student.id });
    expect(issued.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(issued.expiresAt.getTime() - Date.now()).toBeGreaterThan(23 * 3_600_000);
    // Only a hash is kept.
    const [stored] = await world.db.prisma.passwordReset.findMany({ where: { userId: student.id } });
    expect(JSON.stringify(stored)).not.toContain(issued.code.replaceAll('-', ''));

    const anonymous = world.caller(null);
    // Typed by hand: lower case and without dashes still work.
    const code = issued.code.replaceAll('-', '').toLowerCase();
    await expect(anonymous.passwordReset.redeem({ code, password: 'a brand new secret' })).resolves.toEqual({
      email: 'student@school.test',
    });
    expect(await verifyPassword(await passwordOf(student.id), 'a brand new secret')).toBe(true);

    await expect(anonymous.passwordReset.redeem({ code, password: 'another new secret' })).rejects.toMatchObject({
      appCode: 'RESET_CODE_INVALID',
    });
    expect(await verifyPassword(await passwordOf(student.id), 'a brand new secret')).toBe(true);
  });

  it('refuses an expired code, a voided one and a wrong one', async () => {
    const { otherStudent, teacher } = world.users;
    const first = await world.caller(teacher).passwordReset.issue({ userId: otherStudent.id });
    const second = await world.caller(teacher).passwordReset.issue({ userId: otherStudent.id });
    const anonymous = world.caller(null);
    const before = await passwordOf(otherStudent.id);
    for (const code of [first.code, 'ABCD-EFGH-JKMN']) {
      await expect(anonymous.passwordReset.redeem({ code, password: 'new password 1' })).rejects.toMatchObject({
        appCode: 'RESET_CODE_INVALID',
      });
    }
    await world.db.prisma.passwordReset.updateMany({
      where: { userId: otherStudent.id, usedAt: null },
      data: { expiresAt: new Date(Date.now() - 1_000) },
    });
    await expect(
      anonymous.passwordReset.redeem({ code: second.code, password: 'new password 1' }),
    ).rejects.toMatchObject({ appCode: 'RESET_CODE_INVALID' });
    expect(await passwordOf(otherStudent.id)).toBe(before);
  });

  it('lets a teacher reset only their own students, and an admin teachers too', async () => {
    const { student, teacher, otherTeacher, admin } = world.users;
    for (const [caller, userId] of [
      [otherTeacher, student.id],
      [teacher, otherTeacher.id],
      [teacher, admin.id],
      [admin, admin.id],
    ] as const) {
      await expect(world.caller(caller).passwordReset.issue({ userId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(world.caller(student).passwordReset.issue({ userId: student.id })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    const issued = await world.caller(admin).passwordReset.issue({ userId: teacher.id });
    await world.caller(null).passwordReset.redeem({ code: issued.code, password: 'teacher new secret' });
    expect(await verifyPassword(await passwordOf(teacher.id), 'teacher new secret')).toBe(true);
  });
});
