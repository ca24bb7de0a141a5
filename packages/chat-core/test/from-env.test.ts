import { startFakeOpenAI, type FakeOpenAI } from '@lumi/fake-openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createProviderFromEnv } from '../src/providers/from-env';
import { SettingError } from '../src/settings';
import type { ChatRequest } from '../src/types';
import { collect } from './providers-helpers';

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

const request: ChatRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }], maxTokens: 50 };
const fromEnv = (env: Record<string, string>) =>
  createProviderFromEnv({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.url, ...env });

describe('provider timeouts and retries from the environment', () => {
  it('gives up on a silent model after LUMI_FIRST_TOKEN_TIMEOUT_MS instead of the default 45 s', async () => {
    fake.enqueue({ fault: 'stall_before_first_token' });
    const started = Date.now();
    const outcome = await collect(fromEnv({ LUMI_FIRST_TOKEN_TIMEOUT_MS: '300' }), request);
    expect(outcome.error).toMatchObject({ code: 'PROVIDER_TIMEOUT', partial: false });
    expect(outcome.error?.message).toContain('300 ms');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('tries a failing server as often as LUMI_PROVIDER_RETRIES says', async () => {
    fake.setDefault({ fault: 'server_error', status: 503 });
    for (const [retries, attempts] of [
      ['0', 1],
      ['1', 2],
    ] as const) {
      fake.requests.length = 0;
      const outcome = await collect(fromEnv({ LUMI_PROVIDER_RETRIES: retries }), request);
      expect(outcome.error).toMatchObject({ code: 'PROVIDER_ERROR', status: 503 });
      expect(fake.requests).toHaveLength(attempts);
    }
  });

  it('names the variable when a value is unusable', () => {
    for (const [name, value] of [
      ['LUMI_FIRST_TOKEN_TIMEOUT_MS', 'soon'],
      ['LUMI_IDLE_TIMEOUT_MS', '0'],
      ['LUMI_CONNECT_TIMEOUT_MS', '2.5'],
      // Past Node's longest timer, which would fire at once and time out every request.
      ['LUMI_FIRST_TOKEN_TIMEOUT_MS', '99999999999'],
      ['LUMI_PROVIDER_RETRIES', '-1'],
    ] as const) {
      expect(() => fromEnv({ [name]: value })).toThrow(SettingError);
      expect(() => fromEnv({ [name]: value })).toThrow(`${name} must be a whole number`);
    }
    // Blank means unset: the default applies.
    expect(() => fromEnv({ LUMI_PROVIDER_RETRIES: ' ' })).not.toThrow();
  });
});
