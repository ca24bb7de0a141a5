import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildRequest, type BuildRequestInput } from '../src/history/build-request';
import { summaryMessage } from '../src/history/summary-message';
import { BUILTIN_MODELS } from '../src/models/builtin';
import { Catalog, loadCatalog } from '../src/models/catalog';
import { countChatTokens, countMessageTokens, tokenCountFormat } from '../src/tokens/count';
import type { HistoryMessage } from '../src/types';
import { mixedText } from './arbitraries';

const gpt4o = BUILTIN_MODELS.find((m) => m.id === 'gpt-4o')!;
/** gpt-4o with a window small enough to make budgeting bite. */
const tiny = (contextWindow: number) => new Catalog([{ ...gpt4o, id: 'tiny', contextWindow }]);

function turns(...contents: string[]): HistoryMessage[] {
  return contents.map((content, i) => ({ id: `m${i + 1}`, role: i % 2 === 0 ? 'user' : 'assistant', content }));
}

const systemPrompt = 'You are Lumi, a patient tutor.';
const tokens = (...contents: string[]) =>
  contents.reduce((sum, c) => sum + countMessageTokens({ role: 'user', content: c }, gpt4o), 0);

describe('buildRequest', () => {
  const history = turns(
    'What is 2+2?',
    'What do you think it is?',
    'Four! And 3+3?',
    'Try counting up from 3.',
    'Six!',
  );

  it('sends everything that fits, in order, with the exact prompt count', () => {
    const result = buildRequest({
      model: 'gpt-4o',
      catalog: loadCatalog({ env: {} }),
      systemPrompt,
      history,
      maxTokens: 1000,
    });
    expect(result.fits).toBe(true);
    expect(result.messages.map((m) => m.content)).toEqual([systemPrompt, ...history.map((m) => m.content)]);
    expect(result.messages[1]).toEqual({ role: 'user', content: 'What is 2+2?' });
    expect(result.promptTokens).toBe(countChatTokens(result.messages, 'gpt-4o'));
    expect(result.omitted).toEqual({ ids: [], tokens: 0 });
  });

  it('drops the oldest whole turns first and reports exactly what was left out', () => {
    const all = buildRequest({
      model: 'tiny',
      catalog: tiny(100_000),
      systemPrompt,
      history,
      maxTokens: 0,
    }).promptTokens;
    // Room for everything except the first two turns.
    const window = all - tokens('What is 2+2?', 'What do you think it is?') + 1;
    const result = buildRequest({ model: 'tiny', catalog: tiny(window), systemPrompt, history, maxTokens: 0 });
    expect(result.includedIds).toEqual(['m3', 'm4', 'm5']);
    expect(result.omitted).toEqual({ ids: ['m1', 'm2'], tokens: tokens('What is 2+2?', 'What do you think it is?') });
    expect(result.promptTokens).toBeLessThanOrEqual(window);
  });

  it('refuses clearly, without cutting, when the system prompt and newest message alone do not fit', () => {
    const long = turns('word '.repeat(500));
    const result = buildRequest({ model: 'tiny', catalog: tiny(400), systemPrompt, history: long, maxTokens: 100 });
    expect(result.fits).toBe(false);
    expect(result.reason).toMatch(/newest message \(\d+ tokens\).*window of 400 tokens leaves 300 after reserving 100/);
    expect(result.messages.at(-1)!.content).toBe('word '.repeat(500));
  });

  it('always keeps the newest user turn even past maxHistoryTokens, and limits older history', () => {
    const result = buildRequest({
      model: 'gpt-4o',
      catalog: loadCatalog({ env: {} }),
      systemPrompt,
      history,
      maxTokens: 100,
      maxHistoryTokens: 1,
    });
    expect(result.includedIds).toEqual(['m5']);
    const some = buildRequest({
      model: 'gpt-4o',
      catalog: loadCatalog({ env: {} }),
      systemPrompt,
      history,
      maxTokens: 100,
      maxHistoryTokens: tokens('Six!', 'Try counting up from 3.'),
    });
    expect(some.includedIds).toEqual(['m4', 'm5']);
  });

  it('includes the rolling summary as a system message after the system prompt', () => {
    const result = buildRequest({
      model: 'gpt-4o',
      catalog: loadCatalog({ env: {} }),
      systemPrompt,
      summary: { text: 'The student is practising addition.' },
      history,
      maxTokens: 100,
    });
    expect(result.summaryIncluded).toBe(true);
    expect(result.messages[1]).toEqual(summaryMessage('The student is practising addition.'));
    expect(result.promptTokens).toBe(countChatTokens(result.messages, 'gpt-4o'));
  });

  it('recounts a summary whose stored count was made for another encoding', () => {
    const text = 'The student is practising addition.';
    const foreign = { text, tokenCount: 1, tokenCountFormat: tokenCountFormat('gpt-3.5-turbo') };
    const result = buildRequest({
      model: 'gpt-4o',
      catalog: loadCatalog({ env: {} }),
      systemPrompt,
      summary: foreign,
      history,
      maxTokens: 100,
    });
    expect(result.promptTokens).toBe(countChatTokens(result.messages, 'gpt-4o'));
  });

  it('trusts stored counts in the same format and recounts counts stored for another encoding', () => {
    const stored = history.map((m) => ({ ...m, tokenCount: 1_000, tokenCountFormat: tokenCountFormat('gpt-4o') }));
    const trusted = buildRequest({ model: 'tiny', catalog: tiny(2_500), systemPrompt, history: stored, maxTokens: 0 });
    expect(trusted.includedIds).toEqual(['m4', 'm5']); // the stored (inflated) counts were believed
    const foreign = stored.map((m) => ({ ...m, tokenCountFormat: tokenCountFormat('gpt-3.5-turbo') }));
    const recounted = buildRequest({
      model: 'tiny',
      catalog: tiny(2_500),
      systemPrompt,
      history: foreign,
      maxTokens: 0,
    });
    expect(recounted.includedIds).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
  });

  it('property: exact, within the window, whole, contiguous and as full as the budget allows', () => {
    const message = fc.record({
      role: fc.constantFrom('user' as const, 'assistant' as const),
      content: mixedText(40),
      storage: fc.constantFrom('none', 'stored', 'foreign'),
    });
    const models = BUILTIN_MODELS.map((m) => m.id);
    fc.assert(
      fc.property(
        fc.array(message, { maxLength: 30 }),
        fc.constantFrom(...models),
        fc.option(fc.integer({ min: 10, max: 4_000 }), { nil: undefined }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        mixedText(20),
        fc.option(mixedText(20), { nil: undefined }),
        fc.option(fc.nat({ max: 2_000 }), { nil: undefined }),
        (raw, modelId, smallWindow, replyShare, prompt, summaryText, maxHistoryTokens) => {
          const base = BUILTIN_MODELS.find((m) => m.id === modelId)!;
          const model = smallWindow === undefined ? base : { ...base, contextWindow: smallWindow };
          const history: HistoryMessage[] = raw.map(({ role, content, storage }, i) => ({
            id: `m${i}`,
            role,
            content,
            ...(storage === 'stored'
              ? { tokenCount: countMessageTokens({ role, content }, model), tokenCountFormat: tokenCountFormat(model) }
              : {}),
            ...(storage === 'foreign' ? { tokenCount: 1, tokenCountFormat: 'other+9' } : {}),
          }));
          const maxTokens = Math.floor(model.contextWindow * replyShare);
          const input: BuildRequestInput = {
            model: modelId,
            catalog: new Catalog([model]),
            systemPrompt: prompt,
            history,
            maxTokens,
            ...(summaryText !== undefined ? { summary: { text: summaryText } } : {}),
            ...(maxHistoryTokens !== undefined ? { maxHistoryTokens } : {}),
          };
          const result = buildRequest(input);

          expect(countChatTokens(result.messages, model)).toBe(result.promptTokens);
          expect([...result.omitted.ids, ...result.includedIds]).toEqual(history.map((m) => m.id));
          const count = (m: HistoryMessage) => countMessageTokens(m, model);
          const omitted = history.slice(0, result.omitted.ids.length);
          expect(result.omitted.tokens).toBe(omitted.reduce((sum, m) => sum + count(m), 0));
          const included = history.slice(result.omitted.ids.length);
          const sentTurns = result.messages.slice(result.messages.length - included.length);
          expect(sentTurns).toEqual(included.map(({ role, content }) => ({ role, content })));
          const newestUser = history.findLastIndex((m) => m.role === 'user');
          if (newestUser >= 0) expect(result.includedIds).toContain(history[newestUser]!.id);

          if (result.fits) {
            expect(result.promptTokens + maxTokens).toBeLessThanOrEqual(model.contextWindow);
            const next = omitted.at(-1);
            if (next) {
              const historyTokens = included.reduce((sum, m) => sum + count(m), 0);
              const noRoom = result.promptTokens + count(next) + maxTokens > model.contextWindow;
              const overCap = historyTokens + count(next) > (maxHistoryTokens ?? Infinity);
              expect(noRoom || overCap).toBe(true);
            }
          } else {
            expect(result.reason).toBeTruthy();
            expect(result.summaryIncluded).toBe(false);
            expect(result.promptTokens + maxTokens).toBeGreaterThan(model.contextWindow);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
