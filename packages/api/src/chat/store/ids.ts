import { randomUUID } from 'node:crypto';

/** The assistant message's client id: unique per conversation, so a repeated send finds its reply. */
export const replyClientId = (clientId: string) => `${clientId}:reply`;

/**
 * A collision-resistant id in the shape of Prisma's cuid() (25 characters, 'c' then the time): 64 random bits from
 * randomUUID, which draws on a cached entropy pool (randomBytes per id showed up in the profile).
 */
export function newId(): string {
  const random = BigInt(`0x${randomUUID().replaceAll('-', '').slice(0, 16)}`)
    .toString(36)
    .padStart(13, '0');
  return `c${Date.now().toString(36).padStart(11, '0')}${random}`.slice(0, 25);
}
