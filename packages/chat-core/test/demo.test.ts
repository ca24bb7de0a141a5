import { describe, expect, it } from 'vitest';
import { createDemoProvider, DEMO_MODEL } from '../src/providers/demo';
import { createProviderFromEnv } from '../src/providers/from-env';
import { countChatTokens, countTokens } from '../src/tokens/count';
import type { ChatRequest } from '../src/types';
import { collect, doneOf, usageOf } from './providers-helpers';

const demo = createDemoProvider({ delayMs: 0 });
const ask = (content: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: DEMO_MODEL,
  messages: [
    { role: 'system', content: 'You are Lumi.' },
    { role: 'user', content },
  ],
  maxTokens: 1_000,
  ...extra,
});

describe('demo tutor', () => {
  it('is what the environment gives without a key or base URL', () => {
    const provider = createProviderFromEnv({});
    expect(provider).toMatchObject({ name: 'demo', offline: true });
    expect(createProviderFromEnv({ OPENAI_API_KEY: 'sk-test' }).offline).toBe(false);
    expect(createProviderFromEnv({ OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1' }).name).toBe('openai-compatible');
  });

  it('answers deterministically, echoes the topic and says it is a demo and how to connect a model', async () => {
    const first = await collect(demo, ask('Why is photosynthesis important?'));
    const second = await collect(demo, ask('Why is photosynthesis important?'));
    expect(first.text).toBe(second.text);
    expect(first.text).toContain('photosynthesis important');
    expect(first.text).toMatch(/demo/i);
    expect(first.text).toContain('OPENAI_API_KEY');
    expect(first.text).toContain('OPENAI_BASE_URL');
    expect(first.events.filter((e) => e.type === 'delta').length).toBeGreaterThan(10);
    expect(doneOf(first)).toEqual({ type: 'done', finishReason: 'stop', model: DEMO_MODEL });
  });

  it('reports usage counted with the project token counter', async () => {
    const request = ask('What is a noun?');
    const outcome = await collect(demo, request);
    expect(usageOf(outcome)).toEqual({
      type: 'usage',
      usage: {
        promptTokens: countChatTokens(request.messages, DEMO_MODEL),
        completionTokens: countTokens(outcome.text, DEMO_MODEL),
        cachedTokens: 0,
      },
    });
  });

  it('does simple arithmetic', async () => {
    expect((await collect(demo, ask('What is 12 * 7?'))).text).toContain('12 * 7 = 84');
    expect((await collect(demo, ask('3.5 + 1.25'))).text).toContain('= 4.75');
    expect((await collect(demo, ask('5 / 0'))).text).toMatch(/cannot divide by zero/);
  });

  it('answers a code question with a fenced code block', async () => {
    const { text } = await collect(demo, ask('Can you show me a loop in JavaScript?'));
    expect(text).toMatch(/```javascript\n[\s\S]+\n```/);
  });

  it('answers Chinese input in Chinese', async () => {
    const { text } = await collect(demo, ask('为什么天空是蓝色的？'));
    expect(text).toContain('为什么天空是蓝色的');
    expect(text).toContain('演示');
    expect(text).not.toMatch(/You asked/);
    expect((await collect(demo, ask('25 + 17 等于多少？'))).text).toContain('25 + 17 = 42。');
  });

  it('handles translation requests', async () => {
    expect((await collect(demo, ask('Translate "thank you" into Spanish'))).text).toContain('gracias');
    expect((await collect(demo, ask('请把“谢谢”翻译成英语'))).text).toContain('thank you');
  });

  it('stops at maxTokens with finish reason length', async () => {
    const outcome = await collect(demo, ask('Why is photosynthesis important?', { maxTokens: 5 }));
    expect(doneOf(outcome)).toMatchObject({ finishReason: 'length' });
    expect(countTokens(outcome.text, DEMO_MODEL)).toBeLessThanOrEqual(5);
  });

  it('ends with aborted when the signal aborts mid-reply, keeping what streamed', async () => {
    const paced = createDemoProvider({ delayMs: 1 });
    const controller = new AbortController();
    const outcome = await collect(paced, ask('Tell me about volcanoes', { signal: controller.signal }), (text) => {
      if (text.length > 10) controller.abort();
    });
    expect(outcome.text.length).toBeGreaterThan(10);
    expect(outcome.text.length).toBeLessThan((await collect(demo, ask('Tell me about volcanoes'))).text.length);
    expect(outcome.events.at(-1)).toEqual({ type: 'done', finishReason: 'aborted', model: DEMO_MODEL });
    expect(usageOf(outcome)).toBeUndefined();
  });
});
