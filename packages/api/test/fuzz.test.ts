import { BUILTIN_DRILL_SETS } from '@lumi/chat-core';
import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  appRouter,
  handleFollowReply,
  handleSendMessage,
  handleTrpc,
  verifyCredentials,
  type SessionUser,
} from '../src';
import { createWorld, send, type World } from './harness';

// Malformed values sent to every procedure of the app router (read from the router itself, so a new procedure is
// fuzzed without anyone listing it) and to the chat routes: each must be refused with a 4xx and a plain message,
// and leave every table as it was.

let world: World;
const known: Record<string, unknown> = {};

beforeAll(async () => {
  world = await createWorld();
  const student = world.caller(world.users.student);
  const teacher = world.caller(world.users.teacher);
  const conversation = await student.conversations.create({ mode: 'GENERAL', classId: world.classId });
  const turn = await send(world, world.users.student, { conversationId: conversation.id, content: 'hello' });
  const start = turn.events.find((e) => e.type === 'start')!;
  const { id: drillId, ...drill } = BUILTIN_DRILL_SETS[0]!;
  const exercise = await teacher.practice.saveExercise({ kind: 'DRILL', spec: drill });
  const assignment = await teacher.practice.assign({
    classId: world.classId,
    source: { kind: 'builtin', id: drillId },
  });
  const attempt = await student.practice.start({ assignmentId: assignment.id });
  const flag = await world.db.prisma.moderationFlag.create({
    data: {
      studentId: world.users.student.id,
      classId: world.classId,
      conversationId: conversation.id,
      messageId: start.type === 'start' ? start.userMessageId : '',
      categories: { harassment: 0.9 },
    },
  });
  // Real values by field name, so that the malformed one is the only thing wrong with a call.
  Object.assign(known, {
    classId: world.classId,
    conversationId: conversation.id,
    studentId: world.users.student.id,
    messageId: start.type === 'start' ? start.assistantMessageId : '',
    exerciseId: exercise.id,
    assignmentId: assignment.id,
    attemptId: attempt.id,
    flagId: flag.id,
    id: drillId,
    spec: drill,
    joinCode: world.joinCode,
    email: 'someone.new@school.test',
    password: 'a long new passphrase',
    from: '2026-01-01',
    to: '2026-01-31',
    timeZone: 'UTC',
  });
}, 60_000);
afterAll(() => world.close());

type JsonSchema = {
  type?: string;
  const?: unknown;
  enum?: unknown[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  minimum?: number;
  pattern?: string;
};

/** A plausible input built from a procedure's schema: every property present, real ids where the name says so. */
function example(schema: JsonSchema, name?: string): unknown {
  if (name && name in known && schema.type !== 'object' && schema.type !== 'array') return known[name];
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const options = schema.oneOf ?? schema.anyOf;
  if (options) return example(options.find((o) => o.type !== 'null') ?? options[0]!, name);
  switch (schema.type) {
    case 'object':
      return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, s]) => [key, example(s, key)]));
    case 'array':
      return schema.items ? [example(schema.items)] : [];
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    default:
      return 'Hello there';
  }
}

/** Paths of the leaves (strings, numbers, booleans) of a value. */
function leaves(value: unknown, at: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) return value.flatMap((v, i) => leaves(v, [...at, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, [...at, k]));
  return [at];
}

function replaced(value: unknown, path: Array<string | number>, by: unknown): unknown {
  if (path.length === 0) return by;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, unknown>;
  copy[head!] = replaced(copy[head!], rest, by);
  return copy;
}

function nested(depth: number, inner: unknown, asObject: boolean): unknown {
  let value = inner;
  for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value];
  return value;
}

/** Values that must always be refused, wherever they stand. */
const HOSTILE: Array<[string, unknown]> = [
  ['NUL', 'a\u0000b'],
  ['only NUL', '\u0000'],
  ['lone high surrogate', 'x\uD800'],
  ['lone low surrogate', '\uDC00y'],
  ['1 MB string', 'x'.repeat(1024 * 1024)],
  ['200-deep arrays', nested(200, 'x', false)],
  ['200-deep objects', nested(200, 'x', true)],
];
/** Values of the wrong type: refused, unless a schema may coerce them (then the call may succeed). */
const WRONG_TYPES: Array<[string, unknown]> = [
  ['number', 12345],
  ['boolean', true],
  ['array', ['x']],
  ['object', { x: 1 }],
  ['negative', -1],
];

const roles = () => [world.users.student, world.users.teacher, world.users.admin];

async function callProcedure(path: string, type: string, user: SessionUser | null, input: unknown) {
  const serialized = JSON.stringify(superjson.serialize(input));
  const url = `http://lumi.test/api/trpc/${path}`;
  const request =
    type === 'mutation'
      ? new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: serialized })
      : new Request(`${url}?input=${encodeURIComponent(serialized)}`, {
          signal: type === 'subscription' ? AbortSignal.timeout(2_000) : undefined,
        });
  const response = await handleTrpc(request, world.services, user, '127.0.0.1');
  if (type === 'subscription' && response.status === 200) {
    // A subscription answers 200 and reports a refusal as its first event.
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    // After `connected`, a refusal arrives as a `serialized-error` event; an accepted call waits for flags.
    while (!/event: serialized-error\ndata: .*\n/.test(text)) {
      const { value, done } = await reader.read().catch(() => ({ value: '', done: true }));
      if (done) break;
      text += value;
    }
    await reader.cancel().catch(() => undefined);
    const error = /event: serialized-error\ndata: (.*)\n/.exec(text)?.[1];
    if (!error) return { status: 200, message: '' };
    const parsed = superjson.deserialize<{ data: { httpStatus: number }; message: string }>(JSON.parse(error));
    return { status: parsed.data.httpStatus, message: parsed.message };
  }
  const body = (await response.json()) as { error?: { json: { message: string } } };
  return { status: response.status, message: body.error?.json.message ?? '' };
}

/** Every table's rows, as one fingerprint each. */
async function fingerprint() {
  const tables = await world.db.prisma.$queryRaw<Array<{ name: string }>>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'`;
  const sums: Record<string, string> = {};
  for (const { name } of tables) {
    const quoted = `"${name.replace(/"/g, '""')}"`;
    const [row] = await world.db.prisma.$queryRawUnsafe<Array<{ sum: string | null }>>(
      `SELECT md5(string_agg(t::text, '|' ORDER BY t::text)) AS sum FROM ${quoted} t`,
    );
    sums[name] = row?.sum ?? '';
  }
  return sums;
}

function expectPlainRefusal(what: string, result: { status: number; message: string }) {
  expect(result.status, what).toBeGreaterThanOrEqual(400);
  expect(result.status, what).toBeLessThan(500);
  expect(result.message, what).not.toMatch(/prisma|invalid `|22021|stack|\bat \w+ \(/i);
}

// The router's flat record of procedures by dotted path; tRPC types it as the nested router it was built from.
const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { type: string; inputs: z.ZodType[] } }>,
);

describe('malformed input to every procedure', () => {
  it('finds the procedures', () => {
    expect(procedures.length).toBeGreaterThan(50);
  });

  for (const [path, procedure] of procedures) {
    const { type, inputs } = procedure._def;
    it(`${path} refuses hostile and mistyped values with a 4xx and changes nothing`, async () => {
      // The first role the procedure lets in, so authorization is not what refuses the calls.
      let caller: SessionUser | null = null;
      for (const user of roles()) {
        const probe = await callProcedure(path, type, user, undefined);
        if (probe.status !== 401 && probe.status !== 403) {
          caller = user;
          break;
        }
      }
      expect(caller, 'some role may call it').not.toBeNull();
      const schema = inputs[0]
        ? (z.toJSONSchema(inputs[0], { io: 'input', unrepresentable: 'any' }) as JsonSchema)
        : {};
      const base = inputs[0] ? example(schema) : undefined;
      const spots = leaves(base);
      // A key no schema knows is dropped, whatever its type; a hostile value there is refused all the same.
      const hostileSpots = [...spots, ...(base && typeof base === 'object' ? [['extra']] : [])];

      const before = await fingerprint();
      for (const [what, value] of HOSTILE) {
        for (const spot of [[], ...hostileSpots]) {
          const result = await callProcedure(path, type, caller, replaced(base, spot, value));
          expectPlainRefusal(`${what} at ${spot.join('.') || 'the top'}`, result);
        }
      }
      expect(await fingerprint()).toEqual(before);

      let accepted = false;
      for (const [what, value] of WRONG_TYPES) {
        for (const spot of [[], ...spots]) {
          const result = await callProcedure(path, type, caller, replaced(base, spot, value));
          if (result.status < 300) accepted = true;
          else expectPlainRefusal(`${what} at ${spot.join('.') || 'the top'}`, result);
        }
      }
      if (!accepted) expect(await fingerprint()).toEqual(before);
    }, 60_000);
  }
});

describe('malformed input to the chat routes', () => {
  it('POST /api/chat refuses hostile and mistyped bodies, signed in or not, and stores nothing', async () => {
    const before = await fingerprint();
    const base = { kind: 'send', conversationId: known.conversationId, clientId: crypto.randomUUID(), content: 'hi' };
    type Spots = Array<Array<string | number>>;
    const hostile = HOSTILE.map(([what, value]): [string, unknown, Spots] => [
      what,
      value,
      [[], ...leaves(base), ['extra']],
    ]);
    const mistyped = WRONG_TYPES.map(([what, value]): [string, unknown, Spots] => [what, value, [[], ...leaves(base)]]);
    for (const user of [world.users.student, null]) {
      for (const [what, value, spots] of [...hostile, ...mistyped]) {
        for (const spot of spots) {
          const response = await handleSendMessage(
            new Request('http://lumi.test/api/chat', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify(replaced(base, spot, value)),
            }),
            world.services,
            user,
          );
          const body = (await response.json()) as { error: { message: string } };
          expectPlainRefusal(`${what} at ${spot.join('.') || 'the top'}`, {
            status: response.status,
            message: body.error.message,
          });
        }
      }
    }
    expect(await fingerprint()).toEqual(before);
  });

  it('GET /api/chat/<id>/stream refuses ids that cannot be stored, signed in or not', async () => {
    for (const user of [world.users.student, world.users.teacher, null]) {
      for (const id of ['\u0000', 'a\u0000b', '\uD800', '\uDC00\uDC00', '\uFFFD\uFFFD', 'x'.repeat(1024 * 1024)]) {
        const response = await handleFollowReply(new Request('http://lumi.test/x'), world.services, user, id);
        const body = (await response.json()) as { error: { message: string } };
        expectPlainRefusal(JSON.stringify(id.slice(0, 8)), { status: response.status, message: body.error.message });
      }
    }
  });
});

describe('malformed sign-in credentials', () => {
  it('are refused as a wrong password, not a failure', async () => {
    for (const email of ['student\u0000@school.test', 'student\uD800@school.test']) {
      await expect(verifyCredentials(world.db.prisma, { email, password: 'x' }, new Date())).resolves.toEqual({
        ok: false,
        reason: 'invalid',
      });
    }
    await expect(
      verifyCredentials(world.db.prisma, { email: 'student@school.test', password: 'a\u0000b' }, new Date()),
    ).resolves.toEqual({ ok: false, reason: 'invalid' });
  });
});
