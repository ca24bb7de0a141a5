import { TRPCError } from '@trpc/server';
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
