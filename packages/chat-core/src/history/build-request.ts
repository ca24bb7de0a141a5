import type { Catalog } from '../models/catalog';
import type { ModelEntry } from '../models/model-entry';
import { countMessageTokens, REPLY_PRIMING_TOKENS, tokenCountFormat } from '../tokens/count';
import type { ChatMessage, HistoryMessage } from '../types';
import { summaryMessage } from './summary-message';

export interface BuildRequestInput {
  model: string;
  catalog: Catalog;
  systemPrompt: string;
  /** The stored rolling summary, with `summaryTokens` / `tokenCountFormat` from `summarizeTurns` when known. */
  summary?: { text: string; tokenCount?: number; tokenCountFormat?: string };
  /** Oldest first. */
  history: readonly HistoryMessage[];
  /** Tokens reserved for the reply. */
  maxTokens: number;
  /** Cap on the tokens of history turns sent (the newest user turn is always sent). */
  maxHistoryTokens?: number;
}

export interface BuildRequestResult {
  messages: ChatMessage[];
  /** Exactly `countChatTokens(messages, model)`. */
  promptTokens: number;
  /** History ids sent, oldest first. */
  includedIds: string[];
  /** History turns left out (all older than every included turn), oldest first, and their tokens. */
  omitted: { ids: string[]; tokens: number };
  summaryIncluded: boolean;
  /** False when even the system prompt and the newest user turn do not fit; `messages` then holds just those. */
  fits: boolean;
  reason?: string;
}

const n = (value: number) => value.toLocaleString('en-US');

function lastUserIndex(history: readonly HistoryMessage[]): number {
  for (let i = history.length - 1; i >= 0; i--) if (history[i]!.role === 'user') return i;
  return history.length;
}

/**
 * Builds the prompt from the system prompt, the rolling summary and the newest history turns that fit the model's
 * window minus the reply reserve. Turns are kept whole and contiguous from the newest backwards; the system prompt
 * and everything from the newest user turn on are never dropped. Stored counts in this model's format are trusted,
 * other turns are counted, and only those the walk reaches (plus the omitted ones, to report their size).
 */
export function buildRequest(input: BuildRequestInput): BuildRequestResult {
  const { catalog, systemPrompt, summary, history, maxTokens, maxHistoryTokens = Infinity } = input;
  const model = catalog.require(input.model);
  const format = tokenCountFormat(model);
  const storedCount = (stored: Pick<HistoryMessage, 'tokenCount' | 'tokenCountFormat'>) =>
    (stored.tokenCountFormat ?? format) === format ? stored.tokenCount : undefined;
  const tokensOf = (turn: HistoryMessage) => storedCount(turn) ?? countMessageTokens(turn, model);

  const budget = model.contextWindow - maxTokens;
  const systemMessage: ChatMessage = { role: 'system', content: systemPrompt };
  const fixedTokens = REPLY_PRIMING_TOKENS + countMessageTokens(systemMessage, model);

  const firstRequired = lastUserIndex(history);
  let start = history.length;
  let historyTokens = 0;
  for (; start > firstRequired; start--) historyTokens += tokensOf(history[start - 1]!);
  const requiredTokens = historyTokens;

  const usableSummary = summary?.text.trim() ? summary : undefined;
  const summaryTokens = usableSummary
    ? (storedCount(usableSummary) ?? countMessageTokens(summaryMessage(usableSummary.text), model))
    : 0;
  const summaryIncluded = usableSummary !== undefined && fixedTokens + summaryTokens + requiredTokens <= budget;
  const headTokens = fixedTokens + (summaryIncluded ? summaryTokens : 0);

  const fits = headTokens + requiredTokens <= budget;
  while (fits && start > 0) {
    const tokens = tokensOf(history[start - 1]!);
    if (headTokens + historyTokens + tokens > budget || historyTokens + tokens > maxHistoryTokens) break;
    historyTokens += tokens;
    start--;
  }

  const included = history.slice(start);
  const omittedTurns = history.slice(0, start);
  const messages: ChatMessage[] = [
    systemMessage,
    ...(summaryIncluded ? [summaryMessage(usableSummary.text)] : []),
    ...included.map(({ role, content }) => ({ role, content })),
  ];
  return {
    messages,
    promptTokens: headTokens + historyTokens,
    includedIds: included.map((m) => m.id),
    omitted: { ids: omittedTurns.map((m) => m.id), tokens: omittedTurns.reduce((sum, m) => sum + tokensOf(m), 0) },
    summaryIncluded,
    fits,
    ...(fits ? {} : { reason: tooLargeReason(model, maxTokens, headTokens, requiredTokens) }),
  };
}

function tooLargeReason(model: ModelEntry, maxTokens: number, headTokens: number, requiredTokens: number): string {
  const room = Math.max(0, model.contextWindow - maxTokens);
  return (
    `The instructions (${n(headTokens)} tokens) and the newest message (${n(requiredTokens)} tokens) need ` +
    `${n(headTokens + requiredTokens)} tokens, but ${model.id}'s window of ${n(model.contextWindow)} tokens leaves ` +
    `${n(room)} after reserving ${n(maxTokens)} for the reply. Shorten the message, lower the reply length or use a ` +
    `model with a larger window.`
  );
}
