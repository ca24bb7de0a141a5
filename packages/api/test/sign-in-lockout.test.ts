import type { PrismaClient } from '@lumi/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCredentials, type CredentialsResult } from '../src';
import { createWorld, type World } from './harness';

// At most five wrong passwords per email are checked in any 15 minutes, however the attempts arrive: all at once,
// and split over two app nodes (each its own database pool) on one database.

let world: World;
let nodeB: PrismaClient;
beforeAll(async () => {
  world = await createWorld();
  nodeB = world.otherNode();
});
afterAll(() => world.close());

const RIGHT = 'correct horse battery';
const MINUTE = 60_000;
const outcome = (result: CredentialsResult) => (result.ok ? 'signed in' : result.reason);

describe('sign-in lockout', () => {
  it('checks at most five wrong passwords of 150 sent at once over two nodes, and the late right one does not sign in', async () => {
    const email = 'student@school.test';
    const now = new Date();
    const attempts = Array.from({ length: 150 }, (_, i) => ({
      db: i % 2 === 0 ? world.db.prisma : nodeB,
      password: i === 120 ? RIGHT : `wrong guess ${i}`,
    }));
    const results = await Promise.all(
      attempts.map(({ db, password }) => verifyCredentials(db, { email, password }, now).then(outcome)),
    );
    // Every "invalid" is a wrong password that was verified.
    expect(results.filter((r) => r === 'invalid')).toHaveLength(5);
    expect(results[120]).toBe('locked');
    expect(results.filter((r) => r === 'locked')).toHaveLength(145);
    // And the right password, a minute later on either node, waits for the lock too.
    const later = new Date(now.getTime() + MINUTE);
    for (const db of [world.db.prisma, nodeB]) {
      await expect(verifyCredentials(db, { email, password: RIGHT }, later)).resolves.toMatchObject({
        ok: false,
        reason: 'locked',
      });
    }
  });

  it('locks for 15 minutes from the fifth failure, across any clock boundary, then lets the right password in', async () => {
    const email = 'teacher@school.test';
    // Four failures early, the fifth just before a quarter hour: a fixed window would reopen at the boundary.
    const boundary = new Date(Math.ceil(Date.now() / (15 * MINUTE)) * 15 * MINUTE + 15 * MINUTE);
    const at = (offsetMs: number) => new Date(boundary.getTime() + offsetMs);
    for (const offset of [-10 * MINUTE, -8 * MINUTE, -6 * MINUTE, -4 * MINUTE, -1_000]) {
      await expect(verifyCredentials(world.db.prisma, { email, password: 'nope' }, at(offset))).resolves.toMatchObject({
        reason: 'invalid',
      });
    }
    const fifth = at(-1_000);
    const locked = await verifyCredentials(nodeB, { email, password: RIGHT }, at(1_000));
    expect(locked).toEqual({ ok: false, reason: 'locked', resetAt: new Date(fifth.getTime() + 15 * MINUTE) });
    // Still locked after the first failure has aged out of the window: the lock runs from the fifth.
    const afterFirstAgedOut = new Date(fifth.getTime() + 14 * MINUTE);
    await expect(verifyCredentials(nodeB, { email, password: RIGHT }, afterFirstAgedOut)).resolves.toMatchObject({
      reason: 'locked',
    });
    const lifted = new Date(fifth.getTime() + 15 * MINUTE + 1);
    await expect(verifyCredentials(world.db.prisma, { email, password: RIGHT }, lifted)).resolves.toMatchObject({
      ok: true,
    });
  });

  it('does not count right passwords: a student who signs in often is never locked out', async () => {
    const email = 'otherstudent@school.test';
    const now = Date.now();
    for (let i = 0; i < 12; i++) {
      const result = await verifyCredentials(world.db.prisma, { email, password: RIGHT }, new Date(now + i * 1_000));
      expect(result.ok).toBe(true);
    }
    // Four wrong ones after all those still leave room for a fifth guess... and then the lock.
    for (let i = 0; i < 5; i++) {
      await expect(
        verifyCredentials(world.db.prisma, { email, password: `bad ${i}` }, new Date(now + 20_000 + i)),
      ).resolves.toMatchObject({ reason: 'invalid' });
    }
    await expect(
      verifyCredentials(world.db.prisma, { email, password: RIGHT }, new Date(now + 30_000)),
    ).resolves.toMatchObject({ reason: 'locked' });
  });
});
