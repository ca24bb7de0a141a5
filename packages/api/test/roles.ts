import { TRPCError } from '@trpc/server';
import { expect, it } from 'vitest';
import type { World } from './harness';

/** The kinds of caller every authorization table is written for, in the order of its expected outcomes. */
export const WHO = ['anonymous', 'student', 'otherStudent', 'teacher', 'otherTeacher', 'admin'] as const;
export type Who = (typeof WHO)[number];
export type Outcome = 'ok' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND';
export const ADMIN_ONLY: Outcome[] = ['UNAUTHORIZED', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'FORBIDDEN', 'ok'];

/** 'ok', or the refusal a caller got; any other failure is the test's own and is thrown. */
export async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    await run();
    return 'ok';
  } catch (error) {
    if (error instanceof TRPCError && ['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND'].includes(error.code)) {
      return error.code as Outcome;
    }
    throw error;
  }
}

export const callerAs = (world: World, who: Who) => world.caller(who === 'anonymous' ? null : world.users[who]);

/** A table's row: a procedure's name, how a caller runs it, and each caller's expected outcome in the callers' order. */
export type AuthorizationCase<W extends string = Who> = [string, (who: W) => Promise<unknown>, Outcome[]];

/** One test per row, comparing every caller's outcome at once so a failure names each caller that differs. */
export function testAuthorizationTable<W extends string>(callers: readonly W[], cases: AuthorizationCase<W>[]) {
  for (const [name, run, expected] of cases) {
    it(name, async () => {
      const actual: Outcome[] = [];
      for (const who of callers) actual.push(await outcome(() => run(who)));
      expect(Object.fromEntries(callers.map((w, i) => [w, actual[i]]))).toEqual(
        Object.fromEntries(callers.map((w, i) => [w, expected[i]])),
      );
    });
  }
}
