import * as cl100k from 'gpt-tokenizer/model/gpt-4';
import * as o200k from 'gpt-tokenizer/model/gpt-4o';

export interface WireMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ComputedUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number };
  completion_tokens_details: { reasoning_tokens: number };
}

// gpt-4 / gpt-3.5 era models use cl100k_base; everything newer uses o200k_base.
function tokenizerFor(model: string) {
  return /^gpt-(4|3\.5)(?!o|\.)/.test(model) ? cl100k : o200k;
}

/** Exact counts the way OpenAI bills them: the chat formula for the prompt, plain tokens for the reply. */
export function computeUsage(model: string, messages: WireMessage[], reply: string, cachedTokens = 0): ComputedUsage {
  const tokenizer = tokenizerFor(model);
  const promptTokens = tokenizer.encodeChat(messages).length;
  const completionTokens = tokenizer.encode(reply).length;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: Math.min(cachedTokens, promptTokens) },
    completion_tokens_details: { reasoning_tokens: 0 },
  };
}

/** Cuts a reply to `maxTokens`, as the real API does when finish_reason is 'length'. */
export function truncateToTokens(model: string, text: string, maxTokens: number): string {
  const tokenizer = tokenizerFor(model);
  const tokens = tokenizer.encode(text);
  return tokens.length <= maxTokens ? text : tokenizer.decode(tokens.slice(0, maxTokens));
}
