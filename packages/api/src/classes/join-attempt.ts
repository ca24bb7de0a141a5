import type { Context } from '../context';
import { AppError } from '../errors/app-error';
import { RATE_LIMITS, releaseHit, reserveHit } from '../shared/rate-limit';

/**
 * Counts a join-code try before the code is looked up, per student (when signed in) and per address, refusing
 * with RATE_LIMITED past either limit: join codes cannot be guessed in bulk, not even in parallel. Call `found`
 * once the code named an open class, so right codes never use up a school's allowance.
 */
export async function startJoinAttempt(ctx: Pick<Context, 'db' | 'ip' | 'now'>, userId: string | null) {
  const now = ctx.now();
  const refuse = (at: Date) =>
    new AppError('RATE_LIMITED', 'Too many join codes tried. Check the code with your teacher and try later.', at);
  if (userId) {
    const mine = await reserveHit(ctx.db, RATE_LIMITS.joinPerUser, userId, now);
    if (!mine.allowed) throw refuse(mine.at);
  }
  const address = ctx.ip ?? 'unknown';
  const network = await reserveHit(ctx.db, RATE_LIMITS.joinPerAddress, address, now);
  if (!network.allowed) throw refuse(network.at);
  return { found: () => releaseHit(ctx.db, RATE_LIMITS.joinPerAddress, address, now) };
}
