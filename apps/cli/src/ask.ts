import { costMicros, countTokens, isChatError, type FinishReason, type Usage } from '@lumi/chat-core';
import type { RequestPlan, Turn, TutorSession } from './session';

export interface AskResult {
  text: string;
  finishReason: FinishReason;
  usage: Usage;
  /** True when the provider reported no usage and it was counted locally. */
  usageEstimated: boolean;
  costMicros: number;
  plan: RequestPlan;
}

export interface AskOptions {
  signal?: AbortSignal;
  onDelta?: (text: string) => void;
  /** Called once the request is built, before anything streams (e.g. to say older turns were left out). */
  onPlan?: (plan: RequestPlan) => void;
}

/** The question cannot be sent: even with no history it does not fit the model's window and reply cap. */
export class QuestionTooLargeError extends Error {
  override readonly name = 'QuestionTooLargeError';
}

/**
 * One turn: records the question, streams the reply and records it. A reply stopped by the signal or broken by an
 * error keeps its partial text, marked stopped; a request that produced nothing leaves no trace in the history,
 * so the student can simply ask again.
 */
export async function ask(session: TutorSession, question: string, options: AskOptions = {}): Promise<AskResult> {
  const userTurn = session.addTurn('user', question);
  const plan = session.planRequest();
  if (!plan.fits) {
    session.removeTurn(userTurn);
    throw new QuestionTooLargeError(plan.problem);
  }
  options.onPlan?.(plan);
  const model = session.model;

  let text = '';
  let usage: Usage | undefined;
  let finishReason: FinishReason = 'stop';
  try {
    const events = session.provider.stream({
      model: model.id,
      messages: plan.messages,
      maxTokens: session.maxTokens,
      signal: options.signal,
    });
    for await (const event of events) {
      if (event.type === 'delta') {
        text += event.text;
        options.onDelta?.(event.text);
      } else if (event.type === 'usage') usage = event.usage;
      else finishReason = event.finishReason;
    }
  } catch (error) {
    if (!(isChatError(error) && error.code === 'ABORTED')) {
      keepPartial(session, userTurn, text);
      throw isChatError(error) && text ? error.asPartial() : error;
    }
    finishReason = 'aborted';
  }
  if (finishReason === 'aborted') keepPartial(session, userTurn, text);
  else session.addTurn('assistant', text);

  const reported = usage !== undefined;
  usage ??= { promptTokens: plan.promptTokens, completionTokens: countTokens(text, model), cachedTokens: 0 };
  return { text, finishReason, usage, usageEstimated: !reported, costMicros: costMicros(usage, model), plan };
}

function keepPartial(session: TutorSession, userTurn: Turn, text: string): void {
  if (text) session.addTurn('assistant', text, true);
  else session.removeTurn(userTurn);
}
