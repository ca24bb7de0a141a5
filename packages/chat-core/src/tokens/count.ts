import { BUILTIN_MODELS } from '../models/builtin';
import type { TokenizerSpec } from '../models/model-entry';
import type { ChatMessage, ChatRole } from '../types';
import { chunkText } from './chunk';
import { getEncoder } from './encodings';

/** Every reply is primed with <|start|>assistant<|message|>. */
export const REPLY_PRIMING_TOKENS = 3;

/** Larger than any model's window in characters; above it counting refuses rather than spend seconds. */
export const MAX_COUNTABLE_CHARS = 4_000_000;

export class TextTooLongError extends Error {
  override readonly name = 'TextTooLongError';
  constructor(readonly length: number) {
    super(`Text of ${length} characters is too long to count (limit ${MAX_COUNTABLE_CHARS}).`);
  }
}

/** A model id (resolved against the built-in catalog; unknown ids count as o200k_base) or a catalog entry. */
export type ModelRef = string | TokenizerSpec;

const DEFAULT_SPEC: TokenizerSpec = { encoding: 'o200k_base', messageOverhead: 3 };

export function tokenizerSpec(model: ModelRef): TokenizerSpec {
  if (typeof model !== 'string') return model;
  return BUILTIN_MODELS.find((entry) => entry.id === model) ?? DEFAULT_SPEC;
}

/** Loads the encodings these models count with now, so the first count does not pay for it (~250 ms each). */
export function loadTokenizers(models: ModelRef[]): void {
  for (const model of models) getEncoder(tokenizerSpec(model).encoding);
}

/**
 * Identifies how a stored `tokenCount` was computed. Counts are only comparable between models with the same
 * key; store it next to the count (HistoryMessage.tokenCountFormat).
 */
export function tokenCountFormat(model: ModelRef): string {
  const { encoding, messageOverhead } = tokenizerSpec(model);
  return `${encoding}+${messageOverhead}`;
}

// User text such as "<|endoftext|>" is plain text to the API, not a control token.
export const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

export function countTokens(text: string, model: ModelRef): number {
  if (text.length > MAX_COUNTABLE_CHARS) throw new TextTooLongError(text.length);
  const encoder = getEncoder(tokenizerSpec(model).encoding);
  let total = 0;
  for (const chunk of chunkText(text)) total += encoder.countTokens(chunk, PLAIN_TEXT);
  return total;
}

const roleTokenCache = new Map<string, number>();

function roleTokens(role: ChatRole, spec: TokenizerSpec): number {
  const key = `${spec.encoding}:${role}`;
  let count = roleTokenCache.get(key);
  if (count === undefined) {
    count = countTokens(role, spec);
    roleTokenCache.set(key, count);
  }
  return count;
}

/** A message's own tokens: content, role and per-message framing. Never changes, so store it once. */
export function countMessageTokens(message: ChatMessage, model: ModelRef): number {
  const spec = tokenizerSpec(model);
  return spec.messageOverhead + roleTokens(message.role, spec) + countTokens(message.content, spec);
}

/** Exact prompt tokens of a chat request: its messages plus the reply priming. */
export function countChatTokens(messages: readonly ChatMessage[], model: ModelRef): number {
  const spec = tokenizerSpec(model);
  let total = REPLY_PRIMING_TOKENS;
  for (const message of messages) total += countMessageTokens(message, spec);
  return total;
}
