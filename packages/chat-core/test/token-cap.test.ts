import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReplyTokenCap, truncateToTokens, utf8Length } from '../src/tokens/cap';
import { countTokens } from '../src/tokens/count';
import { mixedText } from './arbitraries';

/** Feeds text to a cap in deltas of the given sizes in characters; returns what it let through. */
function stream(text: string, sizes: number[], maxTokens: number, model: string) {
  const cap = new ReplyTokenCap(maxTokens, model);
  const characters = Array.from(text);
  let admitted = '';
  let at = 0;
  for (let i = 0; at < characters.length && !cap.reached; i++) {
    const size = sizes[i % sizes.length]!;
    admitted += cap.admit(characters.slice(at, at + size).join(''));
    at += size;
  }
  return { cap, admitted };
}

describe('truncateToTokens', () => {
  it('keeps the longest prefix within the cap, never a broken character', () => {
    const text = '光合作用是植物把光变成糖的过程。Photosynthesis 🌱🌱🌱 turns light into sugar.';
    for (let max = 0; max <= countTokens(text, 'gpt-4o'); max++) {
      const cut = truncateToTokens(text, max, 'gpt-4o');
      expect(text.startsWith(cut)).toBe(true);
      expect(cut).not.toContain('\uFFFD');
      expect(countTokens(cut, 'gpt-4o')).toBeLessThanOrEqual(max);
    }
    expect(truncateToTokens(text, 10_000, 'gpt-4o')).toBe(text);
  });
});

describe('ReplyTokenCap', () => {
  it('lets a reply under its cap through untouched and counts it exactly', () => {
    const text = 'A short reply, well under the cap. 短的回答。';
    const { cap, admitted } = stream(text, [3], 1024, 'gpt-4o');
    expect(admitted).toBe(text);
    expect(cap.reached).toBe(false);
    expect(cap.count()).toBe(countTokens(text, 'gpt-4o'));
  });

  it('cuts a long reply at exactly its cap, within one delta or across many', () => {
    const text = Array.from({ length: 200 }, (_, i) => `Step ${i}: add the next term.`).join(' ');
    for (const sizes of [[text.length], [1], [7, 1, 30]]) {
      const { cap, admitted } = stream(text, sizes, 16, 'gpt-4o');
      expect(cap.reached).toBe(true);
      expect(countTokens(admitted, 'gpt-4o')).toBe(16);
      expect(cap.count()).toBe(16);
      expect(text.startsWith(admitted)).toBe(true);
    }
  });

  it('property: what it admits is a prefix within the cap, all of the text when every prefix fits', () => {
    fc.assert(
      fc.property(
        mixedText(),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 60 }),
        fc.constantFrom('gpt-4o', 'gpt-3.5-turbo'),
        (text, sizes, maxTokens, model) => {
          const { cap, admitted } = stream(text, sizes, maxTokens, model);
          // A prefix can hold a token more than the whole ("don'" against "don't"), and a stream is cut as soon as
          // what arrived so far passes the cap.
          const characters = Array.from(text);
          const largest = Math.max(
            ...characters.map((_, i) => countTokens(characters.slice(0, i + 1).join(''), model)),
            0,
          );
          expect(text.startsWith(admitted)).toBe(true);
          expect(cap.count()).toBe(countTokens(admitted, model));
          if (largest <= maxTokens) {
            expect(admitted).toBe(text);
            expect(cap.reached).toBe(false);
          }
          if (countTokens(text, model) > maxTokens) expect(cap.reached).toBe(true);
          if (cap.reached) {
            expect(countTokens(admitted, model)).toBeLessThanOrEqual(maxTokens);
            // Nothing more fits: the next character would pass the cap.
            const next = Array.from(text.slice(admitted.length))[0]!;
            expect(countTokens(admitted + next, model)).toBeGreaterThan(maxTokens);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('bounds tokens by UTF-8 bytes', () => {
    expect(utf8Length('a')).toBe(1);
    expect(utf8Length('é')).toBe(2);
    expect(utf8Length('光')).toBe(3);
    expect(utf8Length('🌱')).toBe(4);
  });
});
