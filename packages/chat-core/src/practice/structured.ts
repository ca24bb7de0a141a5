import { z } from 'zod';
import { ChatError } from '../errors';
import type { ModelEntry } from '../models/model-entry';
import { countChatTokens, countTokens } from '../tokens/count';
import type { ChatMessage, ChatProvider, Usage } from '../types';

/** One structured question to a model: what to ask, the shape of the answer, and how to check it. */
export interface StructuredTask<T> {
  /** Sent as the schema's name (`lumi_...`); the offline demo answers by it. */
  name: string;
  /** The wire shape; its JSON Schema goes to the model. */
  schema: z.ZodType;
  system: string;
  /** The question itself, as JSON, so every provider (the demo included) reads the same facts. */
  input: Record<string, unknown>;
  /** Validates the parsed answer beyond the schema (spans against the learner's text); throws when it does not fit. */
  check: (raw: unknown) => T;
  maxTokens: number;
}

export interface StructuredSpend {
  usage: Usage;
  model: string;
}

export interface StructuredOptions {
  signal?: AbortSignal;
  user?: string;
  /** Before each call, with its worst-case tokens: false refuses the call (the budget is spent). */
  reserve?: (worstCase: number) => Promise<boolean>;
  /** After each call that was reserved, with the provider's own counts (zero when nothing was spent). */
  settle?: (spent: StructuredSpend, worstCase: number) => Promise<void>;
}

export type UnavailableReason = 'invalid' | 'upstream' | 'budget' | 'aborted';

export type StructuredResult<T> =
  { ok: true; value: T; attempts: number } | { ok: false; reason: UnavailableReason; detail: string; attempts: number };

/** Two tries: the answer is retried once when it is malformed or off-schema, then given up on. */
const MAX_ATTEMPTS = 2;

const schemaCache = new WeakMap<z.ZodType, Record<string, unknown>>();

export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  let json = schemaCache.get(schema);
  if (!json) {
    const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'output', target: 'draft-7' });
    json = rest;
    schemaCache.set(schema, json);
  }
  return json;
}

/** The JSON object in a reply: the whole text, or (for models without structured output) the outermost braces. */
export function extractJson(text: string): unknown {
  const trimmed = text.trim();
  try {
    return JSON.parse(trimmed);
  } catch {
    const start = trimmed.indexOf('{');
    const end = trimmed.lastIndexOf('}');
    if (start < 0 || end <= start) throw new SyntaxError('the reply holds no JSON object');
    return JSON.parse(trimmed.slice(start, end + 1));
  }
}

function problemOf(error: unknown): string {
  if (error instanceof z.ZodError) return z.prettifyError(error).slice(0, 600);
  return error instanceof Error ? error.message.slice(0, 600) : String(error);
}

/**
 * Asks for structured output and checks it. Models with `capabilities.jsonSchema` get OpenAI's strict
 * json_schema response format; others get the schema in the prompt, and their answer is checked the same way.
 * A malformed or off-schema answer is retried once, telling the model what was wrong; then the result is
 * "unavailable", never an exception, so an exercise goes on without this piece of feedback.
 */
export async function requestStructured<T>(
  provider: ChatProvider,
  model: Pick<ModelEntry, 'id' | 'encoding' | 'messageOverhead' | 'capabilities'>,
  task: StructuredTask<T>,
  options: StructuredOptions = {},
): Promise<StructuredResult<T>> {
  const schema = jsonSchemaOf(task.schema);
  const native = model.capabilities.jsonSchema;
  const system = native
    ? task.system
    : `${task.system}\n\nAnswer with one JSON object and nothing else, following this JSON Schema:\n${JSON.stringify(schema)}`;
  const messages: ChatMessage[] = [
    { role: 'system', content: system },
    { role: 'user', content: JSON.stringify(task.input) },
  ];

  let problem = '';
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    if (options.signal?.aborted) return { ok: false, reason: 'aborted', detail: 'stopped', attempts: attempt - 1 };
    const worstCase = countChatTokens(messages, model) + task.maxTokens;
    if (options.reserve && !(await options.reserve(worstCase))) {
      return { ok: false, reason: 'budget', detail: "today's budget cannot pay for feedback", attempts: attempt - 1 };
    }
    let text = '';
    let usage: Usage | null = null;
    let servedBy = model.id;
    let failure: unknown = null;
    try {
      for await (const event of provider.stream({
        model: model.id,
        messages,
        maxTokens: task.maxTokens,
        temperature: 0,
        signal: options.signal,
        user: options.user,
        ...(native ? { responseFormat: { name: task.name, schema } } : {}),
      })) {
        if (event.type === 'delta') text += event.text;
        else if (event.type === 'usage') usage = event.usage;
        else servedBy = event.model || servedBy;
      }
    } catch (error) {
      failure = error;
    }
    const spent: Usage = usage ?? {
      // Without the provider's counts (a dropped stream), what was sent and what came back is what it cost.
      promptTokens: text || !failure ? countChatTokens(messages, model) : 0,
      completionTokens: text ? countTokens(text, model) : 0,
      cachedTokens: 0,
    };
    await options.settle?.({ usage: spent, model: servedBy }, worstCase);
    if (failure) {
      const code = failure instanceof ChatError ? failure.code : 'PROVIDER_NETWORK';
      return {
        ok: false,
        reason: code === 'ABORTED' ? 'aborted' : 'upstream',
        detail: problemOf(failure),
        attempts: attempt,
      };
    }
    if (options.signal?.aborted) return { ok: false, reason: 'aborted', detail: 'stopped', attempts: attempt };
    try {
      return { ok: true, value: task.check(extractJson(text)), attempts: attempt };
    } catch (error) {
      problem = problemOf(error);
      messages.push(
        { role: 'assistant', content: text.slice(0, 4000) },
        {
          role: 'user',
          content: `That answer could not be used: ${problem}\nAnswer again with one JSON object that follows the schema. Quotes must be copied exactly from the learner's text.`,
        },
      );
    }
  }
  return { ok: false, reason: 'invalid', detail: problem, attempts: MAX_ATTEMPTS };
}
