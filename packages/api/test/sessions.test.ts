import type { PrismaClient } from '@lumi/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentSessionUser, endSessions, verifyCredentials } from '../src';
import { createWorld, type World } from './harness';

// A session counts only while what it stands for does: sign-out, disabling and a role change apply to the next
// request on every node (here: a second node's own database pool).

let world: World;
let nodeB: PrismaClient;
beforeAll(async () => {
  world = await createWorld();
  nodeB = world.otherNode();
});
afterAll(() => world.close());

async function signIn(email: string) {
  const result = await verifyCredentials(world.db.prisma, { email, password: 'correct horse battery' }, new Date());
  if (!result.ok) throw new Error(`could not sign in ${email}`);
  return { id: result.user.id, version: result.user.sessionVersion };
}

describe('a session', () => {
  it('ends on every node when its user signs out, and a new sign-in gets a new one', async () => {
    const claims = await signIn('student@school.test');
    await expect(currentSessionUser(nodeB, claims)).resolves.toMatchObject({ id: claims.id, role: 'STUDENT' });
    await endSessions(world.db.prisma, claims.id);
    await expect(currentSessionUser(nodeB, claims)).resolves.toBeNull();
    await expect(currentSessionUser(world.db.prisma, claims)).resolves.toBeNull();
    const again = await signIn('student@school.test');
    await expect(currentSessionUser(nodeB, again)).resolves.toMatchObject({ id: claims.id });
  });

  it('ends when the account is disabled', async () => {
    const claims = await signIn('otherstudent@school.test');
    await world.db.prisma.user.update({ where: { id: claims.id }, data: { disabledAt: new Date() } });
    await expect(currentSessionUser(nodeB, claims)).resolves.toBeNull();
  });

  it('carries the role the account has now', async () => {
    const claims = await signIn('otherteacher@school.test');
    await expect(currentSessionUser(nodeB, claims)).resolves.toMatchObject({ role: 'TEACHER' });
    await world.db.prisma.user.update({ where: { id: claims.id }, data: { role: 'STUDENT' } });
    await expect(currentSessionUser(nodeB, claims)).resolves.toMatchObject({ role: 'STUDENT' });
  });
});
