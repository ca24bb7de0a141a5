import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { expect, test } from '@playwright/test';
import { STANDALONE_COMMAND } from './standalone';

// The built app started with a setting it cannot use must stop at once and say which one, rather than serve
// pages whose every chat fails.
test('the server refuses to start with an unusable setting and names it', async () => {
  const port = Number(process.env.E2E_APP_PORT) + 12_000;
  const [command, ...args] = STANDALONE_COMMAND;
  const server = spawn(command, args, {
    cwd: process.env.E2E_STANDALONE_DIR,
    env: {
      ...process.env,
      PORT: String(port),
      HOSTNAME: '127.0.0.1',
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      AUTH_SECRET: 'e2e-secret-not-for-production-0123456789',
      OPENAI_API_KEY: 'test',
      OPENAI_PROXY: 'ftp://proxy.school.example:21',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout.on('data', (chunk) => (output += chunk));
  server.stderr.on('data', (chunk) => (output += chunk));
  const timer = setTimeout(() => server.kill('SIGKILL'), 30_000);
  const [code] = await once(server, 'exit');
  clearTimeout(timer);
  expect(code).toBe(1);
  expect(output).toContain('lumi: cannot start: OPENAI_PROXY uses unsupported scheme "ftp:"');
});
