import { expect, test } from '@playwright/test';
import { startExtraNode } from './standalone';

// The sign-up limit counts per client address. A script that writes a new X-Forwarded-For on every request must
// still be one address: with no proxy trusted (the default) the address is the socket's. (Other specs sign up from
// this machine too, so earlier requests here may already be refused; the third never passes a limit of 2.)
let node: Awaited<ReturnType<typeof startExtraNode>> | undefined;

test.beforeAll(async () => {
  node = await startExtraNode(() => ({ LUMI_SIGN_UP_LIMIT: '2', LUMI_TRUSTED_PROXY_HOPS: '0' }));
});
test.afterAll(() => node?.stop());

test('a client cannot escape the sign-up limit by changing X-Forwarded-For', async ({ request }) => {
  const statuses: number[] = [];
  const spoofed = () => `203.0.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;
  for (let i = 0; i < 3; i++) {
    const response = await request.post(`http://127.0.0.1:${node!.port}/api/trpc/account.signUp`, {
      headers: { 'x-forwarded-for': spoofed(), 'x-lumi-client-address': spoofed() },
      data: {
        json: {
          role: 'TEACHER',
          name: `Teacher ${i}`,
          email: `limit-${Date.now()}-${i}@school.example`,
          password: 'correct horse battery staple',
        },
      },
    });
    statuses.push(response.status());
    if (response.status() === 429) expect(JSON.stringify(await response.json())).toContain('RATE_LIMITED');
  }
  expect(statuses.every((status) => status === 200 || status === 429)).toBe(true);
  expect(statuses[2]).toBe(429);
});
