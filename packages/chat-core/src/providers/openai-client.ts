import OpenAI, { type ClientOptions } from 'openai';
import { fetch as undiciFetch, type Dispatcher } from 'undici';

export interface OpenAIClientOptions {
  apiKey: string;
  baseURL?: string;
  /** From net/proxy; undefined means direct connections. */
  dispatcher?: Dispatcher;
}

/**
 * An SDK client with its own retries off (chat-core retries, and only before the first token) and undici's fetch,
 * because the dispatcher must come from the same undici as the fetch that uses it (Node 20's global fetch bundles
 * an older one and ignores proxies).
 */
export function createOpenAIClient(options: OpenAIClientOptions): OpenAI {
  return new OpenAI({
    apiKey: options.apiKey,
    baseURL: options.baseURL,
    maxRetries: 0,
    fetch: undiciFetch as unknown as typeof globalThis.fetch,
    fetchOptions: options.dispatcher ? viaDispatcher(options.dispatcher) : undefined,
  });
}

/** Fetch options that send a request through `dispatcher`, for the client or for one request. */
export function viaDispatcher(dispatcher: Dispatcher): ClientOptions['fetchOptions'] {
  // The SDK types fetchOptions against the global fetch; undici's fetch takes its own dispatcher.
  return { dispatcher } as unknown as ClientOptions['fetchOptions'];
}
