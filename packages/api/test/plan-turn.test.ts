import { describe, expect, it } from 'vitest';
import { BUILTIN_MODELS, Catalog, countMessageTokens, type HistoryMessage } from '@lumi/chat-core';
import { planTurn, type PlanInput } from '../src/chat/turn/plan-turn';

// Phase 4's pure part (docs/chat-protocol.md): no database, no provider.
const catalog = new Catalog(BUILTIN_MODELS);

const turn = (id: string, role: 'user' | 'assistant', content: string): HistoryMessage => ({
  id,
  role,
  content,
  tokenCount: countMessageTokens({ role, content }, catalog.require('gpt-3.5-turbo')),
});

const input = (over: Partial<PlanInput> = {}): PlanInput => ({
  catalog,
  conversation: {
    mode: 'MATHS',
    persona: null,
    sourceLanguage: null,
    targetLanguage: null,
    summary: null,
    summaryTokens: 0,
  },
  klass: { tutorRules: ['guide-dont-answer'], extraInstructions: 'Use metric units.' },
  allowed: ['gpt-4o-mini', 'gpt-3.5-turbo'],
  preferred: catalog.require('gpt-4o-mini'),
  history: [turn('m1', 'user', 'What is a fraction?')],
  maxTokens: 500,
  ...over,
});

describe('planTurn', () => {
  it('builds the system prompt of the mode and the class rules, then the history, on the preferred model', () => {
    const plan = planTurn(input());
    expect(plan.model.id).toBe('gpt-4o-mini');
    const [system, ...rest] = plan.request.messages;
    expect(system!.role).toBe('system');
    expect(system!.content).toContain('Use metric units.');
    expect(rest).toEqual([{ role: 'user', content: 'What is a fraction?' }]);
    expect(plan.request.fits).toBe(true);
    expect(plan.request.omitted.ids).toEqual([]);
    expect(plan.request.promptTokens).toBeGreaterThan(0);
  });

  it('puts the stored summary in front of the turns after it', () => {
    const plan = planTurn(
      input({ conversation: { ...input().conversation, summary: 'We met fractions.', summaryTokens: 5 } }),
    );
    expect(plan.request.summaryIncluded).toBe(true);
    expect(JSON.stringify(plan.request.messages)).toContain('We met fractions.');
  });

  it('leaves out the oldest turns a small window cannot hold, and rebuilds with their summary on the same model', () => {
    const long = 'word '.repeat(5_000);
    const history = [
      turn('m1', 'user', long),
      turn('m2', 'assistant', long),
      turn('m3', 'user', long),
      turn('m4', 'assistant', long),
      turn('m5', 'user', 'And now?'),
    ];
    const plan = planTurn(input({ allowed: ['gpt-3.5-turbo'], preferred: catalog.require('gpt-3.5-turbo'), history }));
    expect(plan.model.id).toBe('gpt-3.5-turbo');
    expect(plan.request.omitted.ids.length).toBeGreaterThan(0);
    expect(plan.request.omitted.ids).not.toContain('m5');
    const kept = history.filter((m) => !plan.request.omitted.ids.includes(m.id));
    const folded = plan.withSummary('Two long questions about fractions.', kept);
    expect(folded.fits).toBe(true);
    expect(folded.omitted.ids).toEqual([]);
    expect(JSON.stringify(folded.messages)).toContain('Two long questions about fractions.');
  });
});
