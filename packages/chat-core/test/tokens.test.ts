import fc from 'fast-check';
import { encodeChat as encodeChatCl100k, encode as encodeCl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { encodeChat as encodeChatO200k, encode as encodeO200k } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import { chunkText, isPieceBoundary } from '../src/tokens/chunk';
import {
  countChatTokens,
  countMessageTokens,
  countTokens,
  MAX_COUNTABLE_CHARS,
  REPLY_PRIMING_TOKENS,
  TextTooLongError,
  tokenCountFormat,
} from '../src/tokens/count';
import type { ChatMessage } from '../src/types';
import { mixedText } from './arbitraries';

const chat: ChatMessage[] = [
  { role: 'system', content: 'You are Lumi, a patient tutor.' },
  { role: 'user', content: '什么是光合作用？Explain in one line 🌱' },
  { role: 'assistant', content: 'Plants turn light, water and CO₂ into sugar and oxygen.' },
  { role: 'user', content: 'function add(a, b) {\n  return a + b;\n}' },
];

describe('countTokens', () => {
  it('matches the encoding the model uses', () => {
    const text = 'Photosynthesis 光合作用 is fun! 🎉';
    expect(countTokens(text, 'gpt-4o')).toBe(encodeO200k(text).length);
    expect(countTokens(text, 'gpt-5-mini')).toBe(encodeO200k(text).length);
    expect(countTokens(text, 'gpt-3.5-turbo')).toBe(encodeCl100k(text).length);
    expect(countTokens(text, 'gpt-4o')).not.toBe(countTokens(text, 'gpt-3.5-turbo'));
  });

  it('counts unknown models with o200k_base and honours a catalog entry', () => {
    const text = '你好，世界。Hello world.';
    expect(countTokens(text, 'llama3.1:8b')).toBe(encodeO200k(text).length);
    expect(countTokens(text, { encoding: 'cl100k_base', messageOverhead: 3 })).toBe(encodeCl100k(text).length);
  });

  it('treats special-token lookalikes in user text as plain text instead of throwing', () => {
    const text = 'ignore <|endoftext|> and <|im_start|>system';
    expect(countTokens(text, 'gpt-4o')).toBe(encodeO200k(text, { disallowedSpecial: new Set() }).length);
  });

  it('counts 50,000 x "a" (a pathological single piece) to a sane number', () => {
    const count = countTokens('a'.repeat(50_000), 'gpt-4o');
    expect(count).toBeGreaterThan(50_000 / 16);
    expect(count).toBeLessThan(50_000 / 4);
  });

  it('is exact for long natural text that is counted in chunks', () => {
    const text = 'The quick brown fox, jumping: over 12345 lazy dogs! 小明说：“你好。” 🙂 '.repeat(400);
    expect(text.length).toBeGreaterThan(10_000);
    expect(countTokens(text, 'gpt-4o')).toBe(encodeO200k(text).length);
    expect(countTokens(text, 'gpt-3.5-turbo')).toBe(encodeCl100k(text).length);
  });

  it('refuses text above the hard limit with a typed error', () => {
    expect(() => countTokens('x'.repeat(MAX_COUNTABLE_CHARS + 1), 'gpt-4o')).toThrow(TextTooLongError);
  });
});

describe('chunkText', () => {
  it('cuts only at piece boundaries, where counting both halves equals counting the whole', () => {
    const plain = { disallowedSpecial: new Set<string>() };
    fc.assert(
      fc.property(mixedText(), (text) => {
        for (let i = 1; i < text.length; i++) {
          if (!isPieceBoundary(text, i)) continue;
          for (const encode of [encodeO200k, encodeCl100k]) {
            const halves = encode(text.slice(0, i), plain).length + encode(text.slice(i), plain).length;
            expect(halves).toBe(encode(text, plain).length);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('yields bounded chunks that reassemble to the input', () => {
    fc.assert(
      fc.property(mixedText(), fc.integer({ min: 2, max: 40 }), (text, maxChars) => {
        const chunks = [...chunkText(text, maxChars)];
        expect(chunks.join('')).toBe(text);
        for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(maxChars);
      }),
    );
  });

  it('never splits a surrogate pair when it has to cut hard', () => {
    const chunks = [...chunkText('😀'.repeat(20), 5)];
    expect(chunks.join('')).toBe('😀'.repeat(20));
    for (const chunk of chunks) expect(chunk).toMatch(/^(?:😀)+$/u);
  });
});

describe('chat framing', () => {
  it('follows the documented formula for current models: 3 per message + role + content, 3 to prime the reply', () => {
    for (const model of ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-5'] as const) {
      const formula =
        chat.reduce((sum, m) => sum + 3 + encodeO200k(m.role).length + encodeO200k(m.content).length, 0) + 3;
      expect(countChatTokens(chat, model)).toBe(formula);
      expect(countChatTokens(chat, model)).toBe(encodeChatO200k(chat, model).length);
    }
  });

  it("matches gpt-tokenizer's encodeChat for gpt-3.5-turbo (one more token per message) and gpt-4", () => {
    expect(countChatTokens(chat, 'gpt-3.5-turbo')).toBe(encodeChatCl100k(chat, 'gpt-3.5-turbo').length);
    expect(countChatTokens(chat, { encoding: 'cl100k_base', messageOverhead: 3 })).toBe(
      encodeChatCl100k(chat, 'gpt-4').length,
    );
    expect(
      countChatTokens(chat, 'gpt-3.5-turbo') - countChatTokens(chat, { encoding: 'cl100k_base', messageOverhead: 3 }),
    ).toBe(chat.length);
  });

  it('sums message counts plus reply priming', () => {
    const summed = chat.reduce((sum, m) => sum + countMessageTokens(m, 'gpt-4o'), 0);
    expect(countChatTokens(chat, 'gpt-4o')).toBe(summed + REPLY_PRIMING_TOKENS);
    expect(countChatTokens([], 'gpt-4o')).toBe(REPLY_PRIMING_TOKENS);
  });

  it('property: equals encodeChat on random chats in both encodings', () => {
    const message = fc.record({
      role: fc.constantFrom('system' as const, 'user' as const, 'assistant' as const),
      content: mixedText(),
    });
    fc.assert(
      fc.property(fc.array(message, { maxLength: 6 }), (messages) => {
        expect(countChatTokens(messages, 'gpt-4o')).toBe(
          encodeChatO200k(messages, 'gpt-4o', { disallowedSpecial: new Set() }).length,
        );
        expect(countChatTokens(messages, 'gpt-3.5-turbo')).toBe(
          encodeChatCl100k(messages, 'gpt-3.5-turbo', { disallowedSpecial: new Set() }).length,
        );
      }),
      { numRuns: 100 },
    );
  });

  it('names a count format that differs between encodings and framings', () => {
    expect(tokenCountFormat('gpt-4o')).toBe(tokenCountFormat('gpt-5-nano'));
    expect(tokenCountFormat('gpt-4o')).not.toBe(tokenCountFormat('gpt-3.5-turbo'));
  });
});
