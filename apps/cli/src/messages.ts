// Wording shared by the interactive session and one-shot mode.
import { isChatError, type ModelEntry } from '@lumi/chat-core';
import { QuestionTooLargeError, type AskResult } from './ask';
import { formatTokens, formatUsd } from './format';

export const DEMO_NOTICE =
  'This is the offline demo tutor: no AI model is connected. To connect one, set OPENAI_API_KEY ' +
  '(and OPENAI_BASE_URL for an OpenAI-compatible server such as Ollama) and start again.';

/** What the student sees for a failed turn. Anything that is not an expected failure is a bug and is rethrown. */
export function describeFailure(error: unknown): string {
  if (error instanceof QuestionTooLargeError) return error.message;
  if (!isChatError(error)) throw error;
  return error.partial ? `${error.studentMessage} (The part of the reply that arrived is kept.)` : error.studentMessage;
}

/** The dim line after a reply: tokens, cost, model, and why it ended early. */
export function replyStatus(result: AskResult, model: ModelEntry): string {
  const { usage } = result;
  const parts = [
    `${formatTokens(usage.promptTokens)} prompt + ${formatTokens(usage.completionTokens)} reply tokens${result.usageEstimated ? ' (counted locally)' : ''}`,
    formatUsd(result.costMicros),
    model.id,
  ];
  if (result.finishReason === 'aborted') parts.push('stopped, partial reply kept');
  if (result.finishReason === 'length') parts.push('cut at the reply cap (/max to raise it)');
  if (result.finishReason === 'content_filter') parts.push('stopped by the content filter');
  return parts.join(' · ');
}
