import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentSessionUser, verifyCredentials } from '../src';
import { createWorld, type World } from './harness';

// Sign-up refuses passwords a guesser tries first: common ones, keyboard runs, and the account's own email or name
// (an offline estimate, zxcvbn). Nothing is created for a refused one.

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.close());

const signUp = (email: string, name: string, password: string) =>
  world.caller(null).account.signUp({ role: 'TEACHER', name, email, password });

describe('sign-up passwords', () => {
  it('refuses common and self-derived ones with WEAK_PASSWORD', async () => {
    for (const [email, name, password] of [
      ['weak1@school.test', 'Pat Lee', '12345678'],
      ['weak2@school.test', 'Pat Lee', 'password'],
      ['weak3@school.test', 'Pat Lee', 'qwertyuiop'],
      ['weak4@school.test', 'Pat Lee', 'weak4@school.test'],
      ['patricia.lee@school.test', 'Patricia Lee', 'patricia.lee1'],
    ] as const) {
      await expect(signUp(email, name, password), password).rejects.toMatchObject({ appCode: 'WEAK_PASSWORD' });
      expect(await world.db.prisma.user.count({ where: { email } })).toBe(0);
    }
  });

  it('takes a passphrase', async () => {
    await expect(signUp('strong@school.test', 'Pat Lee', 'correct horse battery')).resolves.toEqual({ received: true });
    expect(await world.db.prisma.user.count({ where: { email: 'strong@school.test' } })).toBe(1);
  });

  it('a password reset refuses a common one without using up the code, and ends the old sessions', async () => {
    const { student } = world.users;
    const before = await verifyCredentials(
      world.db.prisma,
      { email: 'student@school.test', password: 'correct horse battery' },
      new Date(),
    );
    if (!before.ok) throw new Error('could not sign in');
    const { code } = await world.caller(world.users.teacher).passwordReset.issue({ userId: student.id });
    await expect(world.caller(null).passwordReset.redeem({ code, password: 'password123' })).rejects.toMatchObject({
      appCode: 'WEAK_PASSWORD',
    });
    await expect(world.caller(null).passwordReset.redeem({ code, password: 'a brand new secret' })).resolves.toEqual({
      email: 'student@school.test',
    });
    const claims = { id: student.id, version: before.user.sessionVersion };
    await expect(currentSessionUser(world.db.prisma, claims)).resolves.toBeNull();
  });
});
