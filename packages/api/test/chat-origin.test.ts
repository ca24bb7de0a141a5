import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handleSendMessage } from '../src';
import { createWorld, type World } from './harness';

// POST /api/chat answers only Lumi's own pages: a form or script on another site (another port of the same host
// is another site) cannot send as the student whose cookie the browser attaches.

let world: World;
let conversationId: string;
beforeAll(async () => {
  world = await createWorld();
  conversationId = (await world.caller(world.users.student).conversations.create({ mode: 'GENERAL' })).id;
});
afterAll(() => world.close());

async function sendWith(headers: Record<string, string>) {
  const response = await handleSendMessage(
    new Request('http://lumi.test:3000/api/chat', {
      method: 'POST',
      headers,
      body: JSON.stringify({ kind: 'send', conversationId, clientId: crypto.randomUUID(), content: 'hello' }),
    }),
    world.services,
    world.users.student,
  );
  const body = response.headers.get('content-type')?.startsWith('application/json')
    ? ((await response.json()) as { error: { code: string } })
    : (await response.text(), null);
  return { status: response.status, code: body?.error.code };
}

const messages = () => world.db.prisma.message.count({ where: { conversationId } });

describe('POST /api/chat', () => {
  it('refuses what a cross-site form posts: form and plain-text bodies, or none named', async () => {
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain', '']) {
      const headers: Record<string, string> = type ? { 'content-type': type } : {};
      expect(await sendWith(headers), type).toEqual({ status: 400, code: 'BAD_INPUT' });
    }
    expect(await messages()).toBe(0);
  });

  it('refuses JSON from another site or another port, by Sec-Fetch-Site or by Origin', async () => {
    const json = { 'content-type': 'application/json', host: 'lumi.test:3000' };
    const foreign: Array<Record<string, string>> = [
      { 'sec-fetch-site': 'same-site', origin: 'http://lumi.test:3001' },
      { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      { origin: 'http://lumi.test:3001' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
    ];
    for (const extra of foreign) {
      expect(await sendWith({ ...json, ...extra }), JSON.stringify(extra)).toEqual({ status: 403, code: 'FORBIDDEN' });
    }
    expect(await messages()).toBe(0);
  });

  it('takes JSON from Lumi’s own pages, behind a proxy too, and from clients that are not browsers', async () => {
    const json = { 'content-type': 'application/json; charset=utf-8' };
    const own: Array<Record<string, string>> = [
      { 'sec-fetch-site': 'same-origin', origin: 'http://lumi.test:3000', host: 'lumi.test:3000' },
      { origin: 'https://lumi.school.example', host: '10.0.0.5:3000', 'x-forwarded-host': 'lumi.school.example' },
      {},
    ];
    for (const extra of own) {
      expect((await sendWith({ ...json, ...extra })).status, JSON.stringify(extra)).toBe(200);
    }
    expect(await messages()).toBe(6);
  });
});
