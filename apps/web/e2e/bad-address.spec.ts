import { expect, test } from '@playwright/test';
import { nodes } from './topology';

// Addresses that cannot be decoded, or decode to a NUL, are refused plainly, signed in or not: never a bare 500.
// Asked of a node itself: nginx in front (the balanced topology) refuses a NUL with a 400 page of its own first.
const node = `http://127.0.0.1:${nodes()[0]}`;
for (const path of ['/api/chat/%ff%fe/stream', '/api/chat/%00/stream', '/api/trpc/%ff', '/chat/%ff%fe']) {
  test(`${path} is a 400 in Lumi's words`, async ({ request }) => {
    const response = await request.get(`${node}${path}`);
    expect(response.status()).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'BAD_INPUT', message: 'The address is not valid.' } });
  });
}
