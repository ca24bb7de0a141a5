import { AppError } from '../errors/app-error';

/**
 * Deepest nesting any request of Lumi's needs, with room to spare (a teacher's drill set, the deepest input, is
 * about six levels). Deeper input is an attack on the parsers and validators behind this guard.
 */
export const MAX_INPUT_DEPTH = 32;

/** UTF-16 halves without their other half, which no UTF-8 database or JSON consumer can represent faithfully. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const UNSTORABLE_MESSAGE = 'The request holds characters that cannot be stored (a NUL or a broken character).';
const TOO_DEEP_MESSAGE = 'The request is nested too deeply.';

/**
 * Why a decoded request value cannot be accepted, or null when every string in it (keys too) can be stored and it
 * is nested no deeper than MAX_INPUT_DEPTH. One walk, without recursion, so no input can exhaust the stack.
 */
export function inputProblem(value: unknown): string | null {
  const pending: Array<[unknown, number]> = [[value, 0]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, depth] = next;
    if (typeof item === 'string') {
      // PostgreSQL cannot store NUL in text: the query fails (22021) and the request with it.
      if (item.includes('\u0000') || LONE_SURROGATE.test(item)) return UNSTORABLE_MESSAGE;
      continue;
    }
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= MAX_INPUT_DEPTH) return TOO_DEEP_MESSAGE;
    const children =
      Array.isArray(item) || item instanceof Set
        ? [...(item as Iterable<unknown>)]
        : item instanceof Map
          ? [...(item as Map<unknown, unknown>)].flat()
          : item instanceof Date
            ? []
            : Object.entries(item).flat();
    for (const child of children) pending.push([child, depth + 1]);
  }
  return null;
}

/** Refuses a value `inputProblem` finds fault with, as BAD_INPUT, before anything reads it. */
export function guardInput(value: unknown): void {
  const problem = inputProblem(value);
  if (problem) throw new AppError('BAD_INPUT', problem);
}
