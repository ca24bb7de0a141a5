import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

// zxcvbn's estimate (offline: common passwords, names and words, keyboard patterns, dates) with the account's own
// email and name as words a guesser would try first. Built on first use: the dictionaries take some megabytes.
let checker: ZxcvbnFactory | undefined;

/** Score 0-1 of 4: guessed within about a million tries (12345678, password, the email itself). */
export function isWeakPassword(password: string, personal: { email: string; name: string }): boolean {
  checker ??= new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs });
  const words = [personal.email, personal.email.split('@')[0]!, ...personal.name.split(/\s+/)];
  // Its matching grows with length; a long password is not weak for being long, so its head is what is judged.
  return checker.check(password.slice(0, 64), words).score < 2;
}
