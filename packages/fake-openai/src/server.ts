import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { behaviourSchema, type Behaviour } from './behaviour';
import { minimalInstance } from './json-instance';
import { moderate } from './moderation';
import { defaultReply, splitIntoChunks } from './reply';
import { computeUsage, truncateToTokens, type ComputedUsage } from './usage';
import { chunk, completion, errorReplies, usageChunk, type CompletionIds, type ErrorReply } from './wire';

export interface FakeOpenAIOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Behaviour for requests with nothing queued. */
  defaultBehaviour?: Behaviour;
  /** When set, any other bearer token gets 401 invalid_api_key. */
  apiKey?: string;
}

export interface LoggedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** Date.now() when the request arrived. */
  time: number;
  /** Behaviour applied (chat completions only). */
  behaviour?: Behaviour;
  /** Usage the fake computed for this completion (reported unless omitted or cut short). */
  usage?: ComputedUsage;
  /** True when the client closed the connection before the response was complete. */
  clientClosed?: boolean;
}

export interface FakeOpenAI {
  /** Base URL ending in /v1, ready for the SDK's `baseURL`. */
  url: string;
  port: number;
  /** Every /v1 request, oldest first. */
  requests: LoggedRequest[];
  /** Scripts the next chat completion; queued behaviours are used once each, in order. */
  enqueue(behaviour: Behaviour): void;
  /** Scripts the next moderation request (only `fault` and `status` apply), once each, in order. */
  enqueueModeration(behaviour: Behaviour): void;
  setDefault(behaviour: Behaviour): void;
  /** Empties the queue and the request log and restores the default behaviour. */
  reset(): void;
  close(): Promise<void>;
}

const messageSchema = z.object({
  role: z.enum(['system', 'developer', 'user', 'assistant']),
  content: z.union([z.string(), z.array(z.object({ type: z.string(), text: z.string().optional() }))]),
});
const chatBodySchema = z.object({
  model: z.string().min(1),
  messages: z.array(messageSchema).min(1),
  stream: z.boolean().optional(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  response_format: z
    .object({
      type: z.enum(['text', 'json_object', 'json_schema']),
      json_schema: z
        .object({ name: z.string().min(1), schema: z.record(z.string(), z.unknown()), strict: z.boolean().nullish() })
        .optional(),
    })
    .nullish(),
});
const moderationBodySchema = z.object({
  model: z.string().optional(),
  input: z.union([z.string(), z.array(z.string())]),
});

type ChatBody = z.infer<typeof chatBodySchema>;

function textOf(content: ChatBody['messages'][number]['content']): string {
  return typeof content === 'string' ? content : content.map((part) => part.text ?? '').join('');
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req_${randomUUID()}`, ...headers });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, reply: ErrorReply, behaviour?: Behaviour): void {
  const headers: Record<string, string> = {};
  if (behaviour?.retryAfter !== undefined) headers['retry-after'] = behaviour.retryAfter;
  if (behaviour?.retryAfterMs !== undefined) headers['retry-after-ms'] = String(behaviour.retryAfterMs);
  sendJson(res, reply.status, reply.body, headers);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  const raw = Buffer.concat(parts).toString('utf8');
  return raw ? JSON.parse(raw) : undefined;
}

/** Sends nothing more; the socket stays open until the client gives up or the server closes. */
const stall = (): void => undefined;

function errorForFault(behaviour: Behaviour): ErrorReply | undefined {
  switch (behaviour.fault) {
    case 'rate_limited':
      return errorReplies.rate_limited();
    case 'quota':
      return errorReplies.quota();
    case 'server_error':
      return errorReplies.server_error(behaviour.status ?? 500);
    case 'bad_key':
      return errorReplies.bad_key();
    case 'context_too_long':
      return errorReplies.context_too_long();
    default:
      return undefined;
  }
}

async function streamReply(
  res: ServerResponse,
  ids: CompletionIds,
  pieces: string[],
  finishReason: 'stop' | 'length',
  usage: ComputedUsage | undefined,
  behaviour: Behaviour,
): Promise<void> {
  const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-request-id': `req_${randomUUID()}`,
  });
  send(chunk(ids, { role: 'assistant', content: '' }));
  if (behaviour.fault === 'stall_before_first_token') return stall();

  const faultAt = Math.min(behaviour.afterChunks ?? 2, pieces.length);
  for (let i = 0; i <= pieces.length; i++) {
    if (i === faultAt) {
      if (behaviour.fault === 'stall_mid_stream') return stall();
      if (behaviour.fault === 'drop_mid_stream') {
        // Flush what was sent (an SSE comment's write callback fires once the socket took it), then close mid-body.
        await new Promise((resolve) => res.write(':\n\n', resolve));
        return void res.socket?.destroy();
      }
      if (behaviour.fault === 'malformed') return void res.end('data: {"id": "chatcmpl-broken", "choices": [\n\n');
    }
    const piece = pieces[i];
    if (piece === undefined) break;
    const pause = i === 0 ? (behaviour.firstTokenDelayMs ?? behaviour.delayMs) : behaviour.delayMs;
    if (pause) await sleep(pause);
    if (res.destroyed) return;
    send(chunk(ids, { content: piece }));
  }
  send(chunk(ids, {}, finishReason));
  if (usage) send(usageChunk(ids, usage));
  res.end('data: [DONE]\n\n');
}

/** Broken JSON: what a model cut off mid-object sends. */
const BROKEN_JSON = '{"verdict": "correct", "edits": [';

/**
 * The content for a structured-output request: the scripted reply when there is one, else the smallest value the
 * requested JSON Schema accepts; the JSON faults replace either with broken or off-schema JSON.
 */
function structuredReply(body: ChatBody, behaviour: Behaviour): string | undefined {
  if (behaviour.fault === 'malformed_json') return BROKEN_JSON;
  if (behaviour.fault === 'off_schema_json') return JSON.stringify({ unexpected: 'this is not the requested shape' });
  const format = body.response_format;
  if (behaviour.reply !== undefined || format?.type !== 'json_schema' || !format.json_schema) return undefined;
  return JSON.stringify(minimalInstance(format.json_schema.schema));
}

/** What the fake reported in usage chunks, summed: a load test compares it with what the client recorded. */
function usageTotals(requests: LoggedRequest[]) {
  const reported = requests.flatMap((r) => (r.usage ? [r.usage] : []));
  return {
    completions: reported.length,
    promptTokens: reported.reduce((sum, u) => sum + u.prompt_tokens, 0),
    completionTokens: reported.reduce((sum, u) => sum + u.completion_tokens, 0),
  };
}

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const initialDefault = options.defaultBehaviour ?? {};
  let fallback: Behaviour = initialDefault;
  const queue: Behaviour[] = [];
  const moderationQueue: Behaviour[] = [];
  const requests: LoggedRequest[] = [];

  async function chatCompletions(req: IncomingMessage, res: ServerResponse, entry: LoggedRequest): Promise<void> {
    const parsed = chatBodySchema.safeParse(entry.body);
    if (!parsed.success) return sendError(res, errorReplies.invalid_request(z.prettifyError(parsed.error)));
    const body = parsed.data;
    const behaviour = queue.shift() ?? fallback;
    entry.behaviour = behaviour;

    const bearer = req.headers.authorization?.replace(/^Bearer\s+/i, '');
    if (options.apiKey !== undefined && bearer !== options.apiKey) return sendError(res, errorReplies.bad_key());
    if (behaviour.fault === 'drop_connection') return void req.socket.destroy();
    const faultReply = errorForFault(behaviour);
    if (faultReply) return sendError(res, faultReply, behaviour);

    const model = behaviour.model ?? body.model;
    const messages = body.messages.map((m) => ({
      role: m.role === 'developer' ? ('system' as const) : m.role,
      content: textOf(m.content),
    }));
    const lastUser = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
    const fullReply = structuredReply(body, behaviour) ?? behaviour.reply ?? defaultReply(lastUser);
    const maxTokens = behaviour.ignoreMaxTokens ? undefined : (body.max_completion_tokens ?? body.max_tokens);
    const reply = maxTokens ? truncateToTokens(model, fullReply, maxTokens) : fullReply;
    const finishReason = reply === fullReply ? 'stop' : 'length';
    const usage = computeUsage(model, messages, reply, behaviour.cachedTokens);
    const ids: CompletionIds = { id: `chatcmpl-${randomUUID()}`, created: Math.floor(Date.now() / 1000), model };
    if (behaviour.headersDelayMs) await sleep(behaviour.headersDelayMs);
    if (res.destroyed) return;

    if (body.stream) {
      const reportUsage = body.stream_options?.include_usage === true && !behaviour.omitUsage;
      if (reportUsage) entry.usage = usage;
      return streamReply(
        res,
        ids,
        splitIntoChunks(reply, behaviour.chunkSize),
        finishReason,
        reportUsage ? usage : undefined,
        behaviour,
      );
    }
    switch (behaviour.fault) {
      case 'stall_before_first_token':
      case 'stall_mid_stream':
        return stall();
      case 'drop_mid_stream':
        return void req.socket.destroy();
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.end('{"id": "chatcmpl-broken", "choices": [');
    }
    if (behaviour.delayMs) await sleep(behaviour.delayMs);
    entry.usage = usage;
    sendJson(res, 200, completion(ids, reply, finishReason, usage));
  }

  async function control(path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (path === '/__control/requests') return sendJson(res, 200, requests);
    if (path === '/__control/usage') return sendJson(res, 200, usageTotals(requests));
    if (path === '/__control/reset') {
      api.reset();
      return sendJson(res, 200, { ok: true });
    }
    const parsed = behaviourSchema.safeParse(await readJson(req));
    if (!parsed.success) return sendJson(res, 400, { error: z.prettifyError(parsed.error) });
    if (path === '/__control/enqueue') api.enqueue(parsed.data);
    else if (path === '/__control/enqueue-moderation') api.enqueueModeration(parsed.data);
    else if (path === '/__control/default') api.setDefault(parsed.data);
    else return sendJson(res, 404, { error: `unknown control path ${path}` });
    sendJson(res, 200, { ok: true, queued: queue.length });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://fake').pathname.replace(/\/+$/, '');
    if (path.startsWith('/__control/')) return control(path, req, res);

    let body: unknown;
    try {
      body = await readJson(req);
    } catch {
      return sendError(res, errorReplies.invalid_request('We could not parse the JSON body of your request.'));
    }
    const entry: LoggedRequest = { method: req.method ?? 'GET', path, headers: req.headers, body, time: Date.now() };
    requests.push(entry);
    res.on('close', () => {
      if (!res.writableFinished) entry.clientClosed = true;
    });

    if (req.method === 'POST' && path === '/v1/chat/completions') return chatCompletions(req, res, entry);
    if (req.method === 'POST' && path === '/v1/moderations') {
      const bearer = req.headers.authorization?.replace(/^Bearer\s+/i, '');
      if (options.apiKey !== undefined && bearer !== options.apiKey) return sendError(res, errorReplies.bad_key());
      const behaviour = moderationQueue.shift();
      if (behaviour) entry.behaviour = behaviour;
      if (behaviour?.fault === 'drop_connection') return void req.socket.destroy();
      const faultReply = behaviour && errorForFault(behaviour);
      if (faultReply) return sendError(res, faultReply, behaviour);
      const parsed = moderationBodySchema.safeParse(body);
      if (!parsed.success) return sendError(res, errorReplies.invalid_request(z.prettifyError(parsed.error)));
      const inputs = typeof parsed.data.input === 'string' ? [parsed.data.input] : parsed.data.input;
      const model = parsed.data.model ?? 'omni-moderation-latest';
      return sendJson(res, 200, { id: `modr-${randomUUID()}`, model, results: inputs.map(moderate) });
    }
    if (req.method === 'GET' && path === '/v1/models') {
      const data = ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-mini', 'omni-moderation-latest'].map((id) => ({
        id,
        object: 'model',
        created: 1715367049,
        owned_by: 'system',
      }));
      return sendJson(res, 200, { object: 'list', data });
    }
    sendError(res, errorReplies.not_found(path));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, errorReplies.server_error(500));
      else res.destroy(error instanceof Error ? error : undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';

  const api: FakeOpenAI = {
    url: `http://${host}:${port}/v1`,
    port,
    requests,
    enqueue: (behaviour) => void queue.push(behaviourSchema.parse(behaviour)),
    enqueueModeration: (behaviour) => void moderationQueue.push(behaviourSchema.parse(behaviour)),
    setDefault: (behaviour) => {
      fallback = behaviourSchema.parse(behaviour);
    },
    reset: () => {
      queue.length = 0;
      moderationQueue.length = 0;
      requests.length = 0;
      fallback = initialDefault;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
  return api;
}
