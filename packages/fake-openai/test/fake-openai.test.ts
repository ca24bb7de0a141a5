import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { encode, encodeChat } from 'gpt-tokenizer/model/gpt-4o';
import { startFakeOpenAI, type FakeOpenAI } from '../src/index';

let fake: FakeOpenAI;
beforeEach(async () => {
  fake ??= await startFakeOpenAI();
  fake.reset();
});
afterAll(() => fake.close());

const messages = [{ role: 'user' as const, content: 'What is a prime number?' }];

async function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${fake.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
    body: JSON.stringify(body),
  });
}

// Wire JSON is read loosely here; the assertions pin down its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (res: Response): Promise<any> => res.json();

function sseData(text: string): string[] {
  return text
    .split('\n\n')
    .filter(Boolean)
    .map((event) => event.replace(/^data: /, ''));
}

describe('fake OpenAI server', () => {
  it('streams a role chunk, content chunks, a finish chunk, a usage chunk and [DONE]', async () => {
    fake.enqueue({ reply: 'Two and three are primes.' });
    const res = await post('/chat/completions', {
      model: 'gpt-4o-mini',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const data = sseData(await res.text());
    expect(data.at(-1)).toBe('[DONE]');
    const chunks = data.slice(0, -1).map((d) => JSON.parse(d));
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
    const text = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
    expect(text).toBe('Two and three are primes.');
    expect(chunks.at(-2).choices[0].finish_reason).toBe('stop');
    const usageChunk = chunks.at(-1);
    expect(usageChunk.choices).toEqual([]);
    expect(usageChunk.usage).toMatchObject({
      prompt_tokens: encodeChat(messages).length,
      completion_tokens: encode('Two and three are primes.').length,
    });
    expect(fake.requests[0]?.usage).toEqual(usageChunk.usage);
  });

  it('derives the default reply from the last user message and answers without streaming', async () => {
    const res = await post('/chat/completions', { model: 'gpt-4o-mini', messages });
    const body = await json(res);
    expect(body.object).toBe('chat.completion');
    expect(body.choices[0].message.content).toContain('What is a prime number?');
    expect(body.usage.prompt_tokens).toBe(encodeChat(messages).length);
  });

  it('cuts the reply at max_completion_tokens with finish_reason length', async () => {
    fake.enqueue({ reply: 'one two three four five six seven eight' });
    const body = await json(
      await post('/chat/completions', { model: 'gpt-4o-mini', messages, max_completion_tokens: 3 }),
    );
    expect(body.choices[0].finish_reason).toBe('length');
    expect(body.usage.completion_tokens).toBe(3);
  });

  it('writes the whole reply despite max_tokens when told to ignore it, like some compatible servers', async () => {
    const reply = 'one two three four five six seven eight';
    fake.enqueue({ reply, ignoreMaxTokens: true });
    const body = await json(await post('/chat/completions', { model: 'gpt-4o-mini', messages, max_tokens: 3 }));
    expect(body.choices[0].message.content).toBe(reply);
    expect(body.choices[0].finish_reason).toBe('stop');
    expect(body.usage.completion_tokens).toBe(encode(reply).length);
  });

  it('answers scripted faults with OpenAI-shaped errors and Retry-After headers', async () => {
    fake.enqueue({ fault: 'rate_limited', retryAfter: '2', retryAfterMs: 1500 });
    fake.enqueue({ fault: 'quota' });
    const limited = await post('/chat/completions', { model: 'gpt-4o-mini', messages });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('2');
    expect(limited.headers.get('retry-after-ms')).toBe('1500');
    expect((await json(limited)).error.code).toBe('rate_limit_exceeded');
    const quota = await post('/chat/completions', { model: 'gpt-4o-mini', messages });
    expect((await json(quota)).error.type).toBe('insufficient_quota');
    expect(fake.requests).toHaveLength(2);
  });

  it('omits the usage chunk when told to, like some compatible servers', async () => {
    fake.enqueue({ omitUsage: true });
    const res = await post('/chat/completions', {
      model: 'llama3',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    const data = sseData(await res.text());
    expect(data.some((d) => d.includes('"usage"'))).toBe(false);
  });

  it('paces a reply like a model: a first-token pause, then a pause per chunk, and sums the usage it reported', async () => {
    fake.enqueue({ reply: 'one two three four', firstTokenDelayMs: 300, delayMs: 40 });
    const started = performance.now();
    const res = await post('/chat/completions', {
      model: 'gpt-4o-mini',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    const arrivals: number[] = [];
    let text = '';
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      for (const data of sseData(chunk.value)) {
        if (data !== '[DONE]' && JSON.parse(data).choices[0]?.delta?.content)
          arrivals.push(performance.now() - started);
      }
      text += chunk.value;
    }
    expect(arrivals).toHaveLength(4);
    expect(arrivals[0]).toBeGreaterThanOrEqual(290);
    expect(arrivals[3]! - arrivals[0]!).toBeGreaterThanOrEqual(3 * 38);
    const usage = JSON.parse(sseData(text).at(-2)!).usage as { prompt_tokens: number; completion_tokens: number };
    const totals = await json(await fetch(`${fake.url.replace(/\/v1$/, '')}/__control/usage`));
    expect(totals).toEqual({
      completions: 1,
      promptTokens: usage.prompt_tokens,
      completionTokens: usage.completion_tokens,
    });
  });

  it('can be scripted over HTTP through the control endpoint', async () => {
    const control = fake.url.replace(/\/v1$/, '/__control');
    const queued = await fetch(`${control}/enqueue`, { method: 'POST', body: JSON.stringify({ fault: 'bad_key' }) });
    expect(queued.status).toBe(200);
    const res = await post('/chat/completions', { model: 'gpt-4o-mini', messages });
    expect(res.status).toBe(401);
    expect((await json(res)).error.code).toBe('invalid_api_key');
    const rejected = await fetch(`${control}/enqueue`, { method: 'POST', body: JSON.stringify({ fault: 'explode' }) });
    expect(rejected.status).toBe(400);
  });

  it('serves moderations and the model list', async () => {
    const mod = await json(
      await post('/moderations', { model: 'omni-moderation-latest', input: ['I want to kill myself', 'What is 2+2?'] }),
    );
    expect(mod.results[0].flagged).toBe(true);
    expect(mod.results[0].categories['self-harm/intent']).toBe(true);
    expect(mod.results[1].flagged).toBe(false);
    const models = await json(await fetch(`${fake.url}/models`));
    expect(models.data.map((m: { id: string }) => m.id)).toContain('gpt-4o-mini');
  });

  describe('structured output (response_format json_schema)', () => {
    const schema = {
      type: 'object',
      properties: {
        verdict: { type: 'string', enum: ['correct', 'needs_correction'] },
        score: { type: 'integer', minimum: 0, maximum: 100 },
        edits: { type: 'array', items: { type: 'object', properties: { quote: { type: 'string' } } } },
        evidence: {
          type: 'array',
          minItems: 1,
          items: { type: 'object', properties: { note: { type: 'string', minLength: 2 } }, required: ['note'] },
        },
      },
      required: ['verdict', 'score', 'edits', 'evidence'],
      additionalProperties: false,
    };
    const ask = () =>
      post('/chat/completions', {
        model: 'gpt-4o-mini',
        messages,
        response_format: { type: 'json_schema', json_schema: { name: 'lumi_test', schema, strict: true } },
      }).then(json);

    it('answers with the smallest JSON value the schema accepts', async () => {
      const body = await ask();
      expect(JSON.parse(body.choices[0].message.content)).toEqual({
        verdict: 'correct',
        score: 0,
        edits: [],
        evidence: [{ note: 'xx' }],
      });
    });

    it('sends a scripted reply as it is, and breaks the JSON on request', async () => {
      fake.enqueue({ reply: '{"verdict":"needs_correction"}' });
      fake.enqueue({ fault: 'malformed_json' });
      fake.enqueue({ fault: 'off_schema_json' });
      expect((await ask()).choices[0].message.content).toBe('{"verdict":"needs_correction"}');
      const broken = (await ask()).choices[0].message.content as string;
      expect(() => JSON.parse(broken)).toThrow(SyntaxError);
      expect(JSON.parse((await ask()).choices[0].message.content as string)).not.toHaveProperty('verdict');
    });

    it('streams structured answers like any other reply', async () => {
      const res = await post('/chat/completions', {
        model: 'gpt-4o-mini',
        messages,
        stream: true,
        response_format: { type: 'json_schema', json_schema: { name: 'lumi_test', schema } },
      });
      const text = sseData(await res.text())
        .filter((d) => d !== '[DONE]')
        .map(
          (d) => (JSON.parse(d) as { choices: Array<{ delta: { content?: string } }> }).choices[0]?.delta.content ?? '',
        )
        .join('');
      expect(JSON.parse(text)).toMatchObject({ verdict: 'correct', edits: [] });
    });
  });
});
