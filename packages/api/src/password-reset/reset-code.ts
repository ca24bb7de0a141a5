import { createHash, randomInt } from 'node:crypto';

// No 0/O or 1/I/L: the code is copied by hand from a teacher's screen.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LENGTH = 12;
/** How long an issued code works: long enough to reach the student tomorrow morning. */
export const RESET_CODE_TTL_MS = 24 * 60 * 60_000;

/** A new code (about 59 bits, so guessing is hopeless within its lifetime) and the hash that is stored. */
export function newResetCode(): { code: string; codeHash: string } {
  const code = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return { code: code.replace(/(.{4})(?=.)/g, '$1-'), codeHash: hashResetCode(code) };
}

/** SHA-256 of the code without dashes: the code is random, so a slow password hash adds nothing. */
export function hashResetCode(normalizedCode: string): string {
  return createHash('sha256').update(normalizedCode).digest('hex');
}
