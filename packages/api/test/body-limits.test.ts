import superjson from 'superjson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMITS, handleSendMessage, handleTrpc, limitedOrRefused } from '../src';
import { createWorld, type World } from './harness';

// Bodies are refused by their declared length, or while they stream in, before they are held whole: a 50 MB
// body costs the server at most its endpoint's limit, however it is sent.

let world: World;
beforeAll(async () => {
  world = await createWorld();
});
afterAll(() => world.close());

const FIFTY_MB = 50 * 1024 * 1024;
const CHUNK = 64 * 1024;
/** What a stream may have made beyond what was read: the chunk that crossed the limit and one queued behind it. */
const SLACK = 2 * CHUNK + 1024;

/** A body of `total` bytes made as it is read, counting how much the server pulled. */
function streamedBody(total: number, lead = '') {
  const pulled = { bytes: 0 };
  const head = new TextEncoder().encode(lead);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled.bytes >= total) return controller.close();
      const chunk = pulled.bytes === 0 ? head : new Uint8Array(CHUNK).fill(0x61);
      pulled.bytes += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, pulled };
}

function post(url: string, body: ReadableStream<Uint8Array>, declared?: number) {
  return new Request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(declared && { 'content-length': String(declared) }) },
    body,
    duplex: 'half',
  });
}

const signUpUrl = 'http://lumi.test/api/trpc/account.signUp';
const signUpLead = '{"json":{"role":"TEACHER","name":"Big","email":"big@school.test","password":"';

async function trpcRefusal(response: Response) {
  const body = (await response.json()) as { error: { json: { data: { appCode: string; httpStatus: number } } } };
  return body.error.json.data;
}

describe('a 50 MB body', () => {
  it('to account.signUp, streamed without a length, is refused once the tRPC limit is passed', async () => {
    const { stream, pulled } = streamedBody(FIFTY_MB, signUpLead);
    const response = await handleTrpc(post(signUpUrl, stream), world.services, null, '192.0.2.1');
    expect(response.status).toBe(413);
    expect(await trpcRefusal(response)).toMatchObject({ appCode: 'TOO_LARGE', httpStatus: 413 });
    expect(pulled.bytes).toBeLessThanOrEqual(BODY_LIMITS.trpc + SLACK);
    expect(await world.db.prisma.user.count({ where: { email: 'big@school.test' } })).toBe(0);
  });

  it('to account.signUp with its Content-Length is refused before a byte is read', async () => {
    const { stream, pulled } = streamedBody(FIFTY_MB, signUpLead);
    const response = await handleTrpc(post(signUpUrl, stream, FIFTY_MB), world.services, null, '192.0.2.1');
    expect(response.status).toBe(413);
    expect(pulled.bytes).toBeLessThanOrEqual(SLACK);
  });

  it('in a batch is refused for every call of it, in tRPC’s own shape', async () => {
    const { stream } = streamedBody(FIFTY_MB, '{"0":{"json":"');
    const response = await handleTrpc(
      post('http://lumi.test/api/trpc/account.setLanguage,account.setLanguage?batch=1', stream),
      world.services,
      world.users.student,
      '192.0.2.1',
    );
    expect(response.status).toBe(413);
    const body = (await response.json()) as Array<{ error: { json: { data: { appCode: string } } } }>;
    expect(body.map((call) => call.error.json.data.appCode)).toEqual(['TOO_LARGE', 'TOO_LARGE']);
  });

  it('to /api/chat, with or without a length, is refused once the chat limit is passed', async () => {
    const conversation = await world.caller(world.users.student).conversations.create({ mode: 'GENERAL' });
    const lead = `{"kind":"send","conversationId":"${conversation.id}","clientId":"${crypto.randomUUID()}","content":"`;
    for (const declared of [undefined, FIFTY_MB]) {
      const { stream, pulled } = streamedBody(FIFTY_MB, lead);
      const response = await handleSendMessage(
        post('http://lumi.test/api/chat', stream, declared),
        world.services,
        world.users.student,
      );
      expect(response.status).toBe(413);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('TOO_LARGE');
      expect(pulled.bytes).toBeLessThanOrEqual(BODY_LIMITS.chat + SLACK);
    }
    expect(await world.db.prisma.message.count({ where: { conversationId: conversation.id } })).toBe(0);
  });

  it('to the sign-in form is refused before Auth.js reads it', async () => {
    const { stream, pulled } = streamedBody(FIFTY_MB, 'email=a%40b.test&password=');
    const refused = await limitedOrRefused(
      post('http://lumi.test/api/auth/callback/credentials', stream),
      BODY_LIMITS.auth,
    );
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(413);
    expect(pulled.bytes).toBeLessThanOrEqual(BODY_LIMITS.auth + SLACK);
  });
});

describe('bodies within the limit', () => {
  it('still work, and a tRPC query’s input in the address is held to the same limit', async () => {
    const input = JSON.stringify(superjson.serialize({ language: 'ZH' }));
    const ok = await handleTrpc(
      new Request('http://lumi.test/api/trpc/account.setLanguage', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: input,
      }),
      world.services,
      world.users.student,
      '192.0.2.1',
    );
    expect(ok.status).toBe(200);

    const huge = encodeURIComponent(JSON.stringify(superjson.serialize({ search: 'x'.repeat(BODY_LIMITS.trpc) })));
    const refused = await handleTrpc(
      new Request(`http://lumi.test/api/trpc/conversations.list?input=${huge}`),
      world.services,
      world.users.student,
      '192.0.2.1',
    );
    expect(refused.status).toBe(413);
    expect(await trpcRefusal(refused)).toMatchObject({ appCode: 'TOO_LARGE' });
  });
});
