import { startFakeOpenAI, type FakeOpenAI } from '@lumi/fake-openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ProxyConfigError, createProxyDispatcherFromEnv } from '../src/net/proxy';
import { createProviderFromEnv } from '../src/providers/from-env';
import type { ChatRequest } from '../src/types';
import { collect } from './providers-helpers';
import { startConnectProxy, startSocks5Proxy, type TestProxy } from './proxy-helpers';

let fake: FakeOpenAI;
let httpProxy: TestProxy;
let socksProxy: TestProxy;
beforeAll(async () => {
  [fake, httpProxy, socksProxy] = await Promise.all([startFakeOpenAI(), startConnectProxy(), startSocks5Proxy()]);
});
beforeEach(() => {
  fake.reset();
  httpProxy.tunnels.length = 0;
  socksProxy.tunnels.length = 0;
});
afterAll(() => Promise.all([fake.close(), httpProxy.close(), socksProxy.close()]));

const request: ChatRequest = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Hello through a proxy' }],
  maxTokens: 50,
};

async function chatVia(env: Record<string, string>) {
  const provider = createProviderFromEnv({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: fake.url, ...env });
  const outcome = await collect(provider, request);
  expect(outcome.error).toBeUndefined();
  expect(outcome.text).toContain('Hello through a proxy');
  expect(fake.requests).toHaveLength(1);
}

describe('proxies', () => {
  it('tunnels through an HTTP proxy given in OPENAI_PROXY', async () => {
    await chatVia({ OPENAI_PROXY: httpProxy.url });
    expect(httpProxy.tunnels).toEqual([`127.0.0.1:${fake.port}`]);
  });

  it('tunnels through a SOCKS5 proxy given in OPENAI_PROXY (socks5 and socks5h)', async () => {
    await chatVia({ OPENAI_PROXY: socksProxy.url });
    fake.reset();
    await chatVia({ OPENAI_PROXY: socksProxy.url.replace('socks5:', 'socks5h:') });
    expect(socksProxy.tunnels).toEqual([`127.0.0.1:${fake.port}`, `127.0.0.1:${fake.port}`]);
  });

  it('honours HTTP_PROXY, and NO_PROXY bypasses it', async () => {
    await chatVia({ HTTP_PROXY: httpProxy.url });
    expect(httpProxy.tunnels).toEqual([`127.0.0.1:${fake.port}`]);
    fake.reset();
    await chatVia({ HTTP_PROXY: httpProxy.url, NO_PROXY: 'localhost,127.0.0.1' });
    expect(httpProxy.tunnels).toHaveLength(1);
  });

  it('connects directly when no proxy variable is set', async () => {
    expect(createProxyDispatcherFromEnv({})).toBeUndefined();
    await chatVia({});
    expect(httpProxy.tunnels).toEqual([]);
  });

  it('names the variable when a proxy URL is unusable, without echoing credentials', () => {
    const attempt = (env: Record<string, string>) => () => createProviderFromEnv({ OPENAI_API_KEY: 'sk-test', ...env });
    expect(attempt({ OPENAI_PROXY: 'not a url' })).toThrow(ProxyConfigError);
    expect(attempt({ OPENAI_PROXY: 'ftp://proxy.school.example:21' })).toThrow(
      /OPENAI_PROXY uses unsupported scheme "ftp:"/,
    );
    expect(attempt({ HTTPS_PROXY: 'socks5://127.0.0.1:1080' })).toThrow(/HTTPS_PROXY/);
    expect(attempt({ OPENAI_PROXY: 'http://user:secret@' })).toThrow(/OPENAI_PROXY.*\/\/\*\*\*@/);
    expect(attempt({ OPENAI_PROXY: 'http://user:secret@' })).not.toThrow(/secret/);
  });
});
