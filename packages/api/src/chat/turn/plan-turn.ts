import {
  TUTOR_RULE_KEYS,
  buildRequest,
  buildSystemPrompt,
  chooseModel,
  countMessageTokens,
  tokenCountFormat,
  type BuildRequestResult,
  type Catalog,
  type HistoryMessage,
  type ModelEntry,
  type TokenizerSpec,
  type TutorRuleKey,
} from '@lumi/chat-core';
import type { TurnClass, TurnConversation } from '../store/send';

export interface PlanInput {
  catalog: Catalog;
  conversation: Pick<
    TurnConversation,
    'mode' | 'persona' | 'sourceLanguage' | 'targetLanguage' | 'summary' | 'summaryTokens'
  >;
  klass: Pick<TurnClass, 'tutorRules' | 'extraInstructions'> | null;
  allowed: string[];
  preferred: ModelEntry;
  history: HistoryMessage[];
  maxTokens: number;
}

export interface TurnPlan {
  /** The model that answers: the cheapest allowed one whose window holds the prompt, else the preferred one. */
  model: ModelEntry;
  reason: string;
  /** The request with the stored summary and the whole history; `omitted` names the turns that did not fit. */
  request: BuildRequestResult;
  /** The request again once the omitted turns were folded into a new summary (the same model and prompt). */
  withSummary: (summary: string, history: HistoryMessage[]) => BuildRequestResult;
}

const isTutorRule = (key: string): key is TutorRuleKey => (TUTOR_RULE_KEYS as readonly string[]).includes(key);

/**
 * The pure part of phase 4 (docs/chat-protocol.md): the system prompt of the conversation's mode and its class's
 * rules, the model (chosen for the whole prompt: system prompt, summary and history, plus the reply's cap), and the
 * request, which leaves out the oldest turns that do not fit, for the caller to fold into the summary.
 */
export function planTurn(input: PlanInput): TurnPlan {
  const { catalog, conversation, klass, preferred, history, maxTokens } = input;
  const systemPrompt = buildSystemPrompt({
    mode: conversation.mode,
    persona: conversation.persona ?? undefined,
    languages:
      conversation.sourceLanguage && conversation.targetLanguage
        ? { source: conversation.sourceLanguage, target: conversation.targetLanguage }
        : undefined,
    rules: (klass?.tutorRules ?? []).filter(isTutorRule),
    instructions: klass?.extraInstructions ?? undefined,
  });
  const wanted =
    systemPromptTokens(systemPrompt, preferred) +
    (conversation.summary ? conversation.summaryTokens : 0) +
    history.reduce((sum, m) => sum + (m.tokenCount ?? 0), 0);
  const choice = chooseModel({
    catalog,
    policy: { allowedModels: input.allowed, preferredModel: preferred.id },
    promptTokens: wanted,
    replyReserve: maxTokens,
  });
  // When no allowed window holds the whole history, stay on the preferred model; the summary carries the rest.
  const model = choice.ok ? choice.model : preferred;
  const build = (summary: { text: string } | null, turns: HistoryMessage[]) =>
    buildRequest({ model: model.id, catalog, systemPrompt, summary: summary ?? undefined, history: turns, maxTokens });
  // The summary is counted afresh for the model at hand: it may have been counted for another tokenizer.
  return {
    model,
    reason: choice.reason.message,
    request: build(conversation.summary ? { text: conversation.summary } : null, history),
    withSummary: (summary, turns) => build({ text: summary }, turns),
  };
}

/**
 * The system prompt is the same for every turn of a class and mode, and counting it is the largest tokenizer job
 * before the first token: count each (prompt, tokenizer) once. Bounded, since teachers edit class instructions.
 */
const systemPromptCounts = new Map<string, number>();
const SYSTEM_PROMPT_CACHE_SIZE = 500;
function systemPromptTokens(prompt: string, model: TokenizerSpec): number {
  const key = `${tokenCountFormat(model)}\n${prompt}`;
  let count = systemPromptCounts.get(key);
  if (count === undefined) {
    count = countMessageTokens({ role: 'system', content: prompt }, model);
    if (systemPromptCounts.size >= SYSTEM_PROMPT_CACHE_SIZE) systemPromptCounts.clear();
    systemPromptCounts.set(key, count);
  }
  return count;
}
