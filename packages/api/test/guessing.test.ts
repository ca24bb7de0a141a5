import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter, createCallerFactory, createContext, handleTrpc, type SessionUser } from '../src';
import { MAX_BATCH_CALLS } from '../src/schemas';
import { RATE_LIMITS } from '../src/shared/rate-limit';
import { createWorld, type World } from './harness';

// Join codes cannot be guessed in bulk: batches are capped, and tries are limited per student and per address
// however they arrive (one at a time, in parallel, or batched).

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.close());

const createCaller = createCallerFactory(appRouter);
const callerAt = (user: SessionUser | null, ip: string) => createCaller(createContext(world.services, user, ip));

let made = 0;
async function newStudent(): Promise<SessionUser> {
  made += 1;
  const user = await world.db.prisma.user.create({
    data: { email: `guesser${made}@school.test`, name: `Guesser ${made}`, role: 'STUDENT' },
  });
  return { id: user.id, role: user.role, name: user.name };
}

const outcome = (call: Promise<unknown>) =>
  call.then(
    () => 'JOINED',
    (e: { appCode?: string }) => e.appCode ?? 'ERROR',
  );

describe('a tRPC batch', () => {
  it(`of 600 calls is refused at once, before any call runs; ${MAX_BATCH_CALLS} still work`, async () => {
    const student = await newStudent();
    const batch = async (size: number) => {
      const paths = Array.from({ length: size }, () => 'classes.join').join(',');
      const input = Object.fromEntries(
        Array.from({ length: size }, (_, i) => [
          i,
          superjson.serialize({ joinCode: `ZZ${String(i).padStart(4, '0')}` }),
        ]),
      );
      return handleTrpc(
        new Request(`http://lumi.test/api/trpc/${paths}?batch=1`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input),
        }),
        world.services,
        student,
        '198.51.100.1',
      );
    };
    const refused = await batch(600);
    expect(refused.status).toBe(400);
    expect(await world.db.prisma.rateLimitLog.count()).toBe(0);

    const allowed = await batch(MAX_BATCH_CALLS);
    const calls = (await allowed.json()) as Array<{ error?: { json: { data: { appCode: string } } } }>;
    expect(calls).toHaveLength(MAX_BATCH_CALLS);
    // Processed, and the student's limit refused those past it.
    const codes = calls.map((c) => c.error?.json.data.appCode);
    expect(codes.filter((c) => c === 'JOIN_CODE_UNKNOWN')).toHaveLength(RATE_LIMITS.joinPerUser.limit);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(MAX_BATCH_CALLS - RATE_LIMITS.joinPerUser.limit);
  });
});

describe('join-code tries', () => {
  it('are limited per student, even all at once: past the limit a right code waits too', async () => {
    const student = await newStudent();
    const caller = callerAt(student, '198.51.100.2');
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => outcome(caller.classes.join({ joinCode: `WRONG${i}` }))),
    );
    expect(results.filter((r) => r === 'JOIN_CODE_UNKNOWN')).toHaveLength(RATE_LIMITS.joinPerUser.limit);
    expect(results.filter((r) => r === 'RATE_LIMITED')).toHaveLength(30 - RATE_LIMITS.joinPerUser.limit);
    const late = await caller.classes.join({ joinCode: world.joinCode }).catch((e: unknown) => e);
    expect(late).toMatchObject({ appCode: 'RATE_LIMITED' });
    // The window slides: once the tries are 15 minutes old, the student may try again.
    const later = new Date(Date.now() + RATE_LIMITS.joinPerUser.windowMs + 1_000);
    const moved = createCaller(createContext({ ...world.services, now: () => later }, student, '198.51.100.2'));
    await expect(moved.classes.join({ joinCode: world.joinCode })).resolves.toMatchObject({ id: world.classId });
  });

  it('are limited per address across students and sign-ups, while right codes cost the address nothing', async () => {
    const ip = '198.51.100.3';
    // A whole school joining from one address with the right code.
    for (let i = 0; i < RATE_LIMITS.joinPerAddress.limit + 5; i++) {
      await expect(callerAt(await newStudent(), ip).classes.join({ joinCode: world.joinCode })).resolves.toBeTruthy();
    }
    // Wrong codes from many students and from anonymous sign-ups, all at once.
    const tries = await Promise.all([
      ...Array.from({ length: 25 }, async (_, i) =>
        outcome(callerAt(await newStudent(), ip).classes.join({ joinCode: `NOPE${i}` })),
      ),
      ...Array.from({ length: 15 }, (_, i) =>
        outcome(
          callerAt(null, ip).account.signUp({
            role: 'STUDENT',
            name: 'Guess',
            email: `signup-guess${i}@school.test`,
            password: 'a long enough passphrase',
            joinCode: `NOPE${i}X`,
          }),
        ),
      ),
    ]);
    expect(tries.filter((r) => r === 'JOIN_CODE_UNKNOWN')).toHaveLength(RATE_LIMITS.joinPerAddress.limit);
    expect(tries.filter((r) => r === 'RATE_LIMITED')).toHaveLength(40 - RATE_LIMITS.joinPerAddress.limit);
    // Another address is not affected.
    await expect(
      callerAt(await newStudent(), '198.51.100.4').classes.join({ joinCode: world.joinCode }),
    ).resolves.toBeTruthy();
  });
});
