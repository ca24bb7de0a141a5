import { describe, expect, it } from 'vitest';
import { buildRequest } from '../src/history/build-request';
import { summaryMessage } from '../src/history/summary-message';
import { SummaryFailedError, summarizeTurns, turnsToSummarize } from '../src/history/summarize';
import { BUILTIN_MODELS } from '../src/models/builtin';
import { Catalog } from '../src/models/catalog';
import { countMessageTokens, tokenCountFormat } from '../src/tokens/count';
import type { ChatProvider, ChatRequest, FinishReason, HistoryMessage, StreamEvent, Usage } from '../src/types';

const model = BUILTIN_MODELS.find((m) => m.id === 'gpt-4o-mini')!;

/** An in-memory ChatProvider that replays a scripted reply and records what it was asked. */
function scriptedProvider(reply: string[], options: { usage?: Usage; finishReason?: FinishReason } = {}) {
  const requests: ChatRequest[] = [];
  const provider: ChatProvider = {
    name: 'scripted',
    offline: true,
    async *stream(request): AsyncIterable<StreamEvent> {
      requests.push(request);
      for (const text of reply) yield { type: 'delta', text };
      if (options.usage) yield { type: 'usage', usage: options.usage };
      yield { type: 'done', finishReason: options.finishReason ?? 'stop', model: request.model };
    },
  };
  return { provider, requests };
}

const turns: HistoryMessage[] = [
  { id: 'a', role: 'user', content: 'How do fractions add?' },
  { id: 'b', role: 'assistant', content: 'What do you need the denominators to be?' },
  { id: 'c', role: 'user', content: 'The same!' },
];

describe('summarizeTurns', () => {
  it('folds the previous summary and new turns into one summary and reports usage and tokens', async () => {
    const usage = { promptTokens: 120, completionTokens: 12, cachedTokens: 0 };
    const { provider, requests } = scriptedProvider(['The student ', 'is adding fractions.  '], { usage });
    const result = await summarizeTurns({
      provider,
      model,
      previousSummary: 'Met the student.',
      turns,
      maxTokens: 200,
    });

    expect(result).toEqual({
      summary: 'The student is adding fractions.',
      summaryTokens: countMessageTokens(summaryMessage('The student is adding fractions.'), model),
      tokenCountFormat: tokenCountFormat(model),
      throughId: 'c',
      usage,
    });
    expect(requests[0]).toMatchObject({ model: 'gpt-4o-mini', maxTokens: 200 });
    const asked = requests[0]!.messages.at(-1)!.content;
    expect(asked).toContain('Previous summary:\nMet the student.');
    expect(asked).toContain('Student: How do fractions add?');
    expect(asked).toContain('Tutor: What do you need the denominators to be?');
  });

  it('counts usage itself when the provider reports none', async () => {
    const { provider } = scriptedProvider(['Adding fractions.']);
    const result = await summarizeTurns({ provider, model, turns, maxTokens: 50 });
    expect(result.usage.promptTokens).toBeGreaterThan(20);
    expect(result.usage.completionTokens).toBe(3);
  });

  it('fails visibly on an aborted or empty summary instead of storing nothing', async () => {
    await expect(
      summarizeTurns({
        provider: scriptedProvider(['Half'], { finishReason: 'aborted' }).provider,
        model,
        turns,
        maxTokens: 50,
      }),
    ).rejects.toThrow(SummaryFailedError);
    await expect(
      summarizeTurns({ provider: scriptedProvider(['  ']).provider, model, turns, maxTokens: 50 }),
    ).rejects.toThrow(/empty summary/);
    await expect(
      summarizeTurns({ provider: scriptedProvider(['x']).provider, model, turns: [], maxTokens: 50 }),
    ).rejects.toThrow(RangeError);
  });
});

describe('turnsToSummarize', () => {
  const history: HistoryMessage[] = Array.from({ length: 8 }, (_, i) => ({
    id: `m${i + 1}`,
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: `Turn number ${i + 1} with a few words in it.`,
  }));
  // A window that holds only the newest few turns.
  const catalog = new Catalog([{ ...model, id: 'tiny', contextWindow: 80 }]);
  const built = buildRequest({ model: 'tiny', catalog, systemPrompt: 'Tutor.', history, maxTokens: 10 });

  it('returns the omitted turns when nothing was summarized yet', () => {
    expect(built.omitted.ids.length).toBeGreaterThan(2);
    expect(turnsToSummarize(history, built).map((m) => m.id)).toEqual(built.omitted.ids);
  });

  it('never returns turns the stored summary already covers', () => {
    const covered = built.omitted.ids[1]!;
    const next = turnsToSummarize(history, built, covered).map((m) => m.id);
    expect(next).toEqual(built.omitted.ids.slice(2));
    expect(turnsToSummarize(history, built, built.omitted.ids.at(-1))).toEqual([]);
  });

  it('treats a summary older than the loaded history as covering none of it', () => {
    expect(turnsToSummarize(history, built, 'm0-deleted').map((m) => m.id)).toEqual(built.omitted.ids);
  });
});
