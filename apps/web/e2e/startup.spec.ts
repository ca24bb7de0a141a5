import { once } from 'node:events';
import { expect, test } from '@playwright/test';
import { spawnNode } from './standalone';
import { e2ePort } from './ports';

// The built app started with a setting it cannot use must stop at once and say which one, rather than serve
// pages whose every chat fails.
test('the server refuses to start with an unusable setting and names it', async () => {
  const { server, output } = spawnNode(e2ePort('startup'), {
    OPENAI_PROXY: 'ftp://proxy.school.example:21',
  });
  const timer = setTimeout(() => server.kill('SIGKILL'), 30_000);
  const [code] = await once(server, 'exit');
  clearTimeout(timer);
  expect(code).toBe(1);
  expect(output()).toContain('lumi: cannot start: OPENAI_PROXY uses unsupported scheme "ftp:"');
});
