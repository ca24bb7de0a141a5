import { sleepUnlessAborted } from '../net/sleep';
import { countChatTokens, countTokens } from '../tokens/count';
import type { ChatProvider, ChatRequest, FinishReason, StreamEvent } from '../types';
import { answerInsightOffline } from '../insight/demo';
import { answerOffline, demoPartnerLine } from '../practice/demo';
import { composeDemoReply } from './demo-replies';

export const DEMO_MODEL = 'lumi-demo';

export interface DemoProviderOptions {
  /** Pause before each word, so the demo feels like a stream; 0 for tests and benchmarks. Default 30. */
  delayMs?: number;
}

const words = new Intl.Segmenter(undefined, { granularity: 'word' });

/** Word-sized pieces (Chinese split into words too), each carrying the whitespace before it. */
export function splitIntoWords(text: string): string[] {
  const pieces: string[] = [];
  let pending = '';
  for (const { segment } of words.segment(text)) {
    if (/^\s+$/.test(segment)) pending += segment;
    else {
      pieces.push(pending + segment);
      pending = '';
    }
  }
  if (pending) pieces.push(pending);
  return pieces;
}

/** The offline tutor used without an API key: deterministic, streamed word by word, usage counted locally. */
export function createDemoProvider(options: DemoProviderOptions = {}): ChatProvider {
  const delayMs = options.delayMs ?? 30;

  async function* stream(request: ChatRequest): AsyncGenerator<StreamEvent, void, undefined> {
    const model = request.model || DEMO_MODEL;
    const lastUser = request.messages.findLast((message) => message.role === 'user')?.content ?? '';
    // Structured questions (language-practice feedback) and roleplay partners get their own offline answers.
    const reply =
      (request.responseFormat && answerOffline(request.responseFormat.name, request.messages)) ??
      (request.responseFormat && answerInsightOffline(request.responseFormat.name, firstUser(request.messages))) ??
      demoPartnerLine(request.messages) ??
      composeDemoReply(lastUser);
    let sent = '';
    let finishReason: FinishReason = 'stop';
    // A structured answer is read whole, never watched as it streams: one piece, unpaced (a class insight's JSON
    // paced word by word took 25 seconds, and counting the tokens again per word grows with the square).
    const structured = request.responseFormat !== undefined;
    const pause = structured ? 0 : delayMs;
    for (const piece of structured ? [reply] : splitIntoWords(reply)) {
      if (request.signal?.aborted || (pause > 0 && !(await sleepUnlessAborted(pause, request.signal)))) {
        return yield { type: 'done', finishReason: 'aborted', model };
      }
      if (countTokens(sent + piece, model) > request.maxTokens) {
        finishReason = 'length';
        break;
      }
      sent += piece;
      yield { type: 'delta', text: piece };
    }
    const usage = {
      promptTokens: countChatTokens(request.messages, model),
      completionTokens: countTokens(sent, model),
      cachedTokens: 0,
    };
    yield { type: 'usage', usage };
    yield { type: 'done', finishReason, model };
  }

  return { name: 'demo', offline: true, stream };
}

/** A structured question is the first user message (a retry appends a note after it). */
function firstUser(messages: ChatRequest['messages']): string {
  return messages.find((m) => m.role === 'user')?.content ?? '';
}
