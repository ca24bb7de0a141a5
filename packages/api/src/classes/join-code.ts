import { randomInt } from 'node:crypto';

// No 0/O, 1/I/L: codes are read aloud and copied from a board.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function generateJoinCode(length = 6): string {
  return Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}
