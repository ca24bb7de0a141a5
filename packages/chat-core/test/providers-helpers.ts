import { ChatError } from '../src/errors';
import type { ChatProvider, ChatRequest, StreamEvent } from '../src/types';

export interface StreamOutcome {
  text: string;
  events: StreamEvent[];
  error?: ChatError;
}

/** Drains a stream the way a caller would: keeps the text, and the error if one ends it. */
export async function collect(
  provider: ChatProvider,
  request: ChatRequest,
  onDelta?: (text: string) => void,
): Promise<StreamOutcome> {
  const outcome: StreamOutcome = { text: '', events: [] };
  try {
    for await (const event of provider.stream(request)) {
      outcome.events.push(event);
      if (event.type === 'delta') {
        outcome.text += event.text;
        onDelta?.(outcome.text);
      }
    }
  } catch (error) {
    if (!(error instanceof ChatError)) throw error;
    outcome.error = error;
  }
  return outcome;
}

export const doneOf = (outcome: StreamOutcome) => outcome.events.find((e) => e.type === 'done');
export const usageOf = (outcome: StreamOutcome) => outcome.events.find((e) => e.type === 'usage');
