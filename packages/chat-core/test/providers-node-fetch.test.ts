import { startFakeOpenAI } from '@lumi/fake-openai';
import { expect, it } from 'vitest';
import { collect } from './providers-helpers';

// Its own file (so its own process), with the provider imported only after Node's built-in fetch ran: that makes
// Node's bundled, older undici the global dispatcher, as in a server that fetched anything before chat-core loaded.
it('streams when Node’s own undici became the global dispatcher before chat-core loaded', async () => {
  const fake = await startFakeOpenAI();
  try {
    await globalThis.fetch(`${fake.url}/models`);
    const { createOpenAIProvider } = await import('../src/providers/openai');
    fake.enqueue({ reply: 'Still fine.' });
    const provider = createOpenAIProvider({ apiKey: 'sk-test', baseURL: fake.url, retry: { maxRetries: 0 } });
    const outcome = await collect(provider, {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hello' }],
      maxTokens: 50,
    });
    expect(outcome.error).toBeUndefined();
    expect(outcome.text).toBe('Still fine.');
  } finally {
    await fake.close();
  }
});
