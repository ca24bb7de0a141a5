import { startFakeOpenAI, type FakeOpenAI } from '@lumi/fake-openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_MODELS } from '../src/models/builtin';
import { loadTokenizers } from '../src/tokens/count';
import { buildPartnerPrompt, builtinScenario, requestStructured, turnFeedbackTask } from '../src/practice';
import { createDemoProvider } from '../src/providers/demo';
import { createOpenAIProvider } from '../src/providers/openai';

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
  // Loading the tokenizer once here keeps its cold start (seconds on a loaded machine) out of the first test.
  loadTokenizers(['gpt-4o-mini']);
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

const scenario = builtinScenario('en-cafe-order')!;
const learnerText = 'Hello, i want a coffee.';
const task = () => turnFeedbackTask({ scenario, uiLanguage: 'en', learnerText, before: [] });
const model = BUILTIN_MODELS.find((m) => m.id === 'gpt-4o-mini')!;
const provider = () => createOpenAIProvider({ apiKey: 'sk-test', baseURL: fake.url, retry: { maxRetries: 0 } });
const good = JSON.stringify({
  verdict: 'needs_correction',
  edits: [{ quote: 'i', occurrence: 1, replacement: 'I', type: 'spelling', explanation: 'Capital I.' }],
  objectivesMet: ['o1'],
});

describe('structured output, checked against the learner’s text', () => {
  it('asks with a strict json_schema response format and returns spans of the learner’s text', async () => {
    fake.enqueue({ reply: good });
    const result = await requestStructured(provider(), model, task());
    expect(result).toMatchObject({ ok: true, attempts: 1 });
    if (!result.ok || result.value.status !== 'ready') throw new Error('expected feedback');
    expect(result.value.corrections[0]).toMatchObject({ start: 7, end: 8, original: 'i', replacement: 'I' });
    expect(result.value.corrected).toBe('Hello, I want a coffee.');
    const body = fake.requests[0]!.body as { response_format: { type: string; json_schema: { strict: boolean } } };
    expect(body.response_format.type).toBe('json_schema');
    expect(body.response_format.json_schema.strict).toBe(true);
  });

  it('retries malformed or off-schema output once, then succeeds', async () => {
    for (const fault of ['malformed_json', 'off_schema_json'] as const) {
      fake.reset();
      fake.enqueue({ fault });
      fake.enqueue({ reply: good });
      const result = await requestStructured(provider(), model, task());
      expect(result).toMatchObject({ ok: true, attempts: 2 });
      // The retry tells the model what was wrong with its first answer.
      const retry = fake.requests[1]!.body as { messages: Array<{ content: string }> };
      expect(retry.messages.at(-1)!.content).toMatch(/could not be used/);
    }
  });

  it('gives up after a second bad answer: feedback unavailable, never an exception', async () => {
    fake.enqueue({ fault: 'malformed_json' });
    fake.enqueue({
      reply: JSON.stringify({
        verdict: 'needs_correction',
        edits: [{ quote: 'tea', occurrence: 1, replacement: 'coffee', type: 'vocabulary', explanation: 'x' }],
        objectivesMet: [],
      }),
    });
    const result = await requestStructured(provider(), model, task());
    expect(result).toMatchObject({ ok: false, reason: 'invalid', attempts: 2 });
    expect(fake.requests).toHaveLength(2);
  });

  it('reports an upstream failure as unavailable, and spends nothing when the budget refuses', async () => {
    fake.enqueue({ fault: 'server_error' });
    expect(await requestStructured(provider(), model, task())).toMatchObject({ ok: false, reason: 'upstream' });
    fake.reset();
    const refused = await requestStructured(provider(), model, task(), { reserve: () => Promise.resolve(false) });
    expect(refused).toMatchObject({ ok: false, reason: 'budget', attempts: 0 });
    expect(fake.requests).toHaveLength(0);
  });

  it('settles every call with the provider’s own counts', async () => {
    fake.enqueue({ fault: 'malformed_json' });
    fake.enqueue({ reply: good });
    const spent: number[] = [];
    await requestStructured(provider(), model, task(), {
      reserve: () => Promise.resolve(true),
      settle: ({ usage }) => {
        spent.push(usage.promptTokens + usage.completionTokens);
        return Promise.resolve();
      },
    });
    expect(spent).toEqual(fake.requests.map((r) => r.usage!.total_tokens));
  });

  it('falls back to the schema in the prompt for models without structured output, and still validates', async () => {
    const plain = { ...model, id: 'llama3.1:8b', capabilities: { streaming: true, jsonSchema: false } };
    fake.enqueue({ reply: `Here is my answer:\n\`\`\`json\n${good}\n\`\`\`` });
    const result = await requestStructured(provider(), plain, task());
    expect(result).toMatchObject({ ok: true });
    const body = fake.requests[0]!.body as { response_format?: unknown; messages: Array<{ content: string }> };
    expect(body.response_format).toBeUndefined();
    expect(body.messages[0]!.content).toMatch(/JSON Schema/);
  });

  it('the offline demo answers with corrections that point at what the learner typed', async () => {
    const demo = createDemoProvider({ delayMs: 0 });
    const result = await requestStructured(
      demo,
      BUILTIN_MODELS.find((m) => m.id === 'lumi-demo')!,
      task(),
    );
    expect(result.ok && result.value).toMatchObject({
      status: 'ready',
      verdict: 'needs_correction',
      corrections: [{ start: 7, end: 8, original: 'i', replacement: 'I', type: 'spelling' }],
      objectivesMet: ['o1'],
    });
  });
});

describe('the offline roleplay partner', () => {
  it('stays in the scene, in the target language, and says the same thing for the same conversation', async () => {
    const demo = createDemoProvider({ delayMs: 0 });
    const zh = builtinScenario('zh-cafe-order')!;
    const messages = [
      { role: 'system' as const, content: buildPartnerPrompt(zh) },
      { role: 'assistant' as const, content: zh.openingLine },
      { role: 'user' as const, content: '我要一杯茶。' },
    ];
    const line = async () => {
      let text = '';
      for await (const event of demo.stream({ model: 'lumi-demo', messages, maxTokens: 200 })) {
        if (event.type === 'delta') text += event.text;
      }
      return text;
    };
    const first = await line();
    expect(first).toMatch(/\p{Script=Han}/u);
    expect(first).not.toMatch(/demo tutor|演示导师/);
    // It nudges towards a target word the learner has not used yet.
    expect(first).toContain('咖啡');
    expect(await line()).toBe(first);
  });
});
