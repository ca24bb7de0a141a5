import { createServer, type AddressInfo, type Socket } from 'node:net';
import { startFakeOpenAI, type FakeOpenAI } from '@lumi/fake-openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createOpenAIProvider, type OpenAIProviderConfig } from '../src/providers/openai';
import type { ChatRequest } from '../src/types';
import { collect, doneOf, usageOf } from './providers-helpers';

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

function provider(overrides: Partial<OpenAIProviderConfig> = {}) {
  return createOpenAIProvider({
    apiKey: 'sk-test',
    baseURL: fake.url,
    tokenLimitParam: 'max_completion_tokens',
    timeouts: { connectMs: 2_000, firstTokenMs: 300, idleMs: 300 },
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...overrides,
  });
}

const request = (extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system', content: 'You are a patient tutor.' },
    { role: 'user', content: 'Why is the sky blue?' },
  ],
  maxTokens: 200,
  ...extra,
});

describe('OpenAI provider against the fake server', () => {
  it('streams deltas, then the provider-reported usage, then done', async () => {
    fake.enqueue({ reply: 'Sunlight scatters off air molecules.', cachedTokens: 4 });
    const outcome = await collect(provider(), request({ user: 'student-7' }));
    expect(outcome.text).toBe('Sunlight scatters off air molecules.');
    expect(outcome.events.filter((e) => e.type === 'delta').length).toBeGreaterThan(1);
    const reported = fake.requests[0]?.usage;
    expect(usageOf(outcome)).toEqual({
      type: 'usage',
      usage: { promptTokens: reported?.prompt_tokens, completionTokens: reported?.completion_tokens, cachedTokens: 4 },
    });
    expect(outcome.events.at(-1)).toEqual({ type: 'done', finishReason: 'stop', model: 'gpt-4o-mini' });
    expect(fake.requests[0]?.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
      max_completion_tokens: 200,
      user: 'student-7',
    });
  });

  it('reports finish reason length when the reply hits the token cap', async () => {
    fake.enqueue({ reply: 'one two three four five six seven eight nine ten' });
    const outcome = await collect(provider(), request({ maxTokens: 4 }));
    expect(doneOf(outcome)).toMatchObject({ finishReason: 'length' });
    expect(usageOf(outcome)).toMatchObject({ usage: { completionTokens: 4 } });
  });

  it('waits out retry-after-ms on 429, then succeeds', async () => {
    fake.enqueue({ fault: 'rate_limited', retryAfterMs: 150 });
    const outcome = await collect(provider(), request());
    expect(outcome.error).toBeUndefined();
    expect(outcome.text).toContain('Why is the sky blue?');
    const [first, second] = fake.requests;
    expect(fake.requests).toHaveLength(2);
    expect(second!.time - first!.time).toBeGreaterThanOrEqual(150);
  });

  it('does not wait out a Retry-After beyond the cap: rate_limited with the advertised wait, one request', async () => {
    fake.enqueue({ fault: 'rate_limited', retryAfter: '1' });
    const outcome = await collect(provider({ retry: { maxRetryAfterMs: 500 } }), request());
    expect(outcome.error).toMatchObject({
      code: 'PROVIDER_RATE_LIMITED',
      retryable: true,
      retryAfterMs: 1000,
      partial: false,
    });
    expect(outcome.error?.messageKey).toBe('error.PROVIDER_RATE_LIMITED');
    expect(fake.requests).toHaveLength(1);
  });

  it('retries a 500 with backoff, then succeeds', async () => {
    fake.enqueue({ fault: 'server_error' });
    const outcome = await collect(provider(), request());
    expect(outcome.error).toBeUndefined();
    expect(doneOf(outcome)).toMatchObject({ finishReason: 'stop' });
    expect(fake.requests).toHaveLength(2);
  });

  it('gives up after maxRetries with a typed, retryable upstream error', async () => {
    fake.setDefault({ fault: 'server_error', status: 503 });
    const outcome = await collect(provider({ retry: { maxRetries: 2, baseDelayMs: 1 } }), request());
    expect(outcome.error).toMatchObject({ code: 'PROVIDER_ERROR', retryable: true, partial: false, status: 503 });
    expect(outcome.error?.studentMessage).toMatch(/try again/i);
    expect(fake.requests).toHaveLength(3);
  });

  it.each([
    ['bad_key', 'PROVIDER_BAD_KEY'],
    ['quota', 'PROVIDER_QUOTA'],
    ['context_too_long', 'PROVIDER_CONTEXT_TOO_LONG'],
  ] as const)('maps %s to %s without retrying', async (fault, code) => {
    fake.enqueue({ fault });
    const outcome = await collect(provider(), request());
    expect(outcome.error).toMatchObject({ code, retryable: false });
    expect(outcome.text).toBe('');
    expect(fake.requests).toHaveLength(1);
  });

  it('times out when the first token never comes', async () => {
    fake.enqueue({ fault: 'stall_before_first_token' });
    const outcome = await collect(provider(), request());
    expect(outcome.error).toMatchObject({ code: 'PROVIDER_TIMEOUT', partial: false });
    expect(fake.requests).toHaveLength(1);
  });

  // Many compatible servers and proxies send their headers only with the first token.
  it('waits for headers held back past the connect timeout, up to the first-token timeout', async () => {
    fake.enqueue({ reply: 'Late but here.', headersDelayMs: 1_000 });
    const outcome = await collect(provider({ timeouts: { connectMs: 200, firstTokenMs: 5_000 } }), request());
    expect(outcome.error).toBeUndefined();
    expect(outcome.text).toBe('Late but here.');
  });

  it('times out waiting for the first token when the headers never come before it', async () => {
    fake.enqueue({ headersDelayMs: 3_000 });
    const outcome = await collect(provider({ timeouts: { connectMs: 200, firstTokenMs: 600 } }), request());
    expect(outcome.error).toMatchObject({ code: 'PROVIDER_TIMEOUT', partial: false });
    expect(outcome.error?.message).toContain('first token');
    expect(fake.requests).toHaveLength(1);
  });

  it('still times out a connection that is never made (a proxy that accepts and never answers CONNECT)', async () => {
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const proxy = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      const outcome = await collect(provider({ proxy, timeouts: { connectMs: 200, firstTokenMs: 60_000 } }), request());
      expect(outcome.error).toMatchObject({ code: 'PROVIDER_TIMEOUT', partial: false });
      expect(outcome.error?.message).toContain('connecting');
      expect(fake.requests).toHaveLength(0);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('keeps the partial reply and times out when the stream stalls midway, without retrying', async () => {
    fake.enqueue({ reply: 'alpha beta gamma delta', fault: 'stall_mid_stream', afterChunks: 2 });
    const outcome = await collect(provider(), request());
    expect(outcome.text).toBe('alpha beta');
    expect(outcome.error).toMatchObject({ code: 'PROVIDER_TIMEOUT', partial: true });
    expect(doneOf(outcome)).toBeUndefined();
    expect(fake.requests).toHaveLength(1);
  });

  it('keeps the partial reply and reports a network error when the connection drops midway, without retrying', async () => {
    fake.enqueue({ reply: 'alpha beta gamma delta', fault: 'drop_mid_stream', afterChunks: 3 });
    const outcome = await collect(provider(), request());
    expect(outcome.text).toBe('alpha beta gamma');
    expect(outcome.error).toMatchObject({ code: 'PROVIDER_NETWORK', partial: true });
    expect(fake.requests).toHaveLength(1);
  });

  it('reports malformed SSE as malformed', async () => {
    fake.enqueue({ fault: 'malformed', afterChunks: 0 });
    const outcome = await collect(provider(), request());
    expect(outcome.error).toMatchObject({ code: 'PROVIDER_MALFORMED', partial: false });
    expect(fake.requests).toHaveLength(1);
  });

  it('ends with aborted when the caller aborts midway, keeping the text and closing the upstream socket', async () => {
    fake.enqueue({ reply: 'one two three four five six seven eight', delayMs: 20 });
    const controller = new AbortController();
    const outcome = await collect(
      provider({ timeouts: { idleMs: 5_000 } }),
      request({ signal: controller.signal }),
      (text) => {
        if (text.split(' ').length >= 2) controller.abort();
      },
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.text).toBe('one two');
    expect(outcome.events.at(-1)).toEqual({ type: 'done', finishReason: 'aborted', model: 'gpt-4o-mini' });
    await vi.waitFor(() => expect(fake.requests[0]?.clientClosed).toBe(true));
  });

  it('ends with aborted and sends nothing when the signal is already aborted', async () => {
    const outcome = await collect(provider(), request({ signal: AbortSignal.abort() }));
    expect(outcome.events).toEqual([{ type: 'done', finishReason: 'aborted', model: 'gpt-4o-mini' }]);
    expect(fake.requests).toHaveLength(0);
  });

  it('works with a compatible server that omits usage: max_tokens, no usage event', async () => {
    fake.enqueue({ omitUsage: true, reply: 'Hola.' });
    const compatible = createOpenAIProvider({ apiKey: 'none', baseURL: fake.url });
    expect(compatible.name).toBe('openai-compatible');
    const outcome = await collect(compatible, request({ model: 'llama3.1' }));
    expect(outcome.text).toBe('Hola.');
    expect(usageOf(outcome)).toBeUndefined();
    expect(doneOf(outcome)).toMatchObject({ finishReason: 'stop', model: 'llama3.1' });
    expect(fake.requests[0]?.body).toMatchObject({ max_tokens: 200 });
    expect(fake.requests[0]?.body).not.toHaveProperty('max_completion_tokens');
  });
});
