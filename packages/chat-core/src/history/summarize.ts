import type { ModelEntry } from '../models/model-entry';
import { countChatTokens, countMessageTokens, countTokens, tokenCountFormat } from '../tokens/count';
import type { ChatMessage, ChatProvider, HistoryMessage, Usage } from '../types';
import type { BuildRequestResult } from './build-request';
import { summaryMessage } from './summary-message';

const SUMMARIZER_INSTRUCTIONS = [
  'You maintain a short running summary of a tutoring conversation between a student and Lumi, an AI tutor.',
  'Merge the previous summary with the new turns into one updated summary of at most a few short paragraphs.',
  "Keep what the tutor needs to continue: the student's goals, topics covered, what they understood or struggled",
  'with, answers already given, and open questions. Leave out greetings and small talk.',
  'Write in the language the conversation mostly uses. Reply with the summary only.',
].join('\n');

const SPEAKER: Record<ChatMessage['role'], string> = { user: 'Student', assistant: 'Tutor', system: 'System' };

function summarizerRequest(previousSummary: string | undefined, turns: readonly HistoryMessage[]): ChatMessage[] {
  const transcript = turns.map((turn) => `${SPEAKER[turn.role]}: ${turn.content}`).join('\n\n');
  const previous = previousSummary?.trim() ? `Previous summary:\n${previousSummary.trim()}\n\n` : '';
  return [
    { role: 'system', content: SUMMARIZER_INSTRUCTIONS },
    { role: 'user', content: `${previous}New turns:\n${transcript}` },
  ];
}

export interface SummarizeTurnsInput {
  provider: ChatProvider;
  model: ModelEntry;
  previousSummary?: string;
  /** The turns to fold in, oldest first (see `turnsToSummarize`). */
  turns: readonly HistoryMessage[];
  /** Cap on the summary's length in tokens. */
  maxTokens: number;
  signal?: AbortSignal;
}

export interface SummarizeTurnsResult {
  summary: string;
  /** Tokens of the summary as `buildRequest` sends it, in `tokenCountFormat`; pass both back with the summary. */
  summaryTokens: number;
  tokenCountFormat: string;
  /** The newest turn now covered by the summary. */
  throughId: string;
  usage: Usage;
}

export class SummaryFailedError extends Error {
  override readonly name = 'SummaryFailedError';
}

/** Folds turns into the rolling summary with one model call. The caller stores the result. */
export async function summarizeTurns(input: SummarizeTurnsInput): Promise<SummarizeTurnsResult> {
  const { provider, model, previousSummary, turns, maxTokens, signal } = input;
  const newest = turns.at(-1);
  if (!newest) throw new RangeError('summarizeTurns needs at least one turn.');

  const messages = summarizerRequest(previousSummary, turns);
  let text = '';
  let usage: Usage | undefined;
  for await (const event of provider.stream({ model: model.id, messages, maxTokens, temperature: 0.2, signal })) {
    if (event.type === 'delta') text += event.text;
    else if (event.type === 'usage') usage = event.usage;
    else if (
      event.finishReason === 'aborted' ||
      event.finishReason === 'error' ||
      event.finishReason === 'content_filter'
    ) {
      throw new SummaryFailedError(`Summarizing with ${model.id} ended with "${event.finishReason}".`);
    }
  }
  const summary = text.trim();
  if (!summary) throw new SummaryFailedError(`${model.id} returned an empty summary.`);

  return {
    summary,
    summaryTokens: countMessageTokens(summaryMessage(summary), model),
    tokenCountFormat: tokenCountFormat(model),
    throughId: newest.id,
    // Providers that report no usage (e.g. some compatible servers) are billed on our own exact count.
    usage: usage ?? {
      promptTokens: countChatTokens(messages, model),
      completionTokens: countTokens(summary, model),
      cachedTokens: 0,
    },
  };
}

/**
 * The turns a new summary should fold in: those `buildRequest` left out that are newer than the stored summary
 * covers, so no turn is summarized twice. `history` may be only the newest part of the conversation: when
 * `summarizedThroughId` is not in it, every omitted turn in it is newer than the summary.
 */
export function turnsToSummarize(
  history: readonly HistoryMessage[],
  buildResult: Pick<BuildRequestResult, 'omitted'>,
  summarizedThroughId?: string,
): HistoryMessage[] {
  const omitted = new Set(buildResult.omitted.ids);
  const coveredUpTo = summarizedThroughId === undefined ? -1 : history.findIndex((m) => m.id === summarizedThroughId);
  return history.filter((message, index) => index > coveredUpTo && omitted.has(message.id));
}
