import { randomBytes } from 'node:crypto';
import { defineConfig } from '@playwright/test';
import { METRICS_TOKEN } from './e2e/fixtures';
import { standaloneCopyDir, standaloneServerCommand } from './e2e/standalone';

// The browser tests run against the built app (`next start`) with a database of their own and the fake OpenAI.
// Playwright starts web servers before global setup, so the database name is chosen here (once: workers inherit
// the environment) and global setup creates it under that name.
// Ports are picked at random (unless set) so parallel checkouts on one machine do not collide.
process.env.E2E_APP_PORT ??= String(31_000 + Math.floor(Math.random() * 4_000));
process.env.E2E_FAKE_OPENAI_PORT ??= String(Number(process.env.E2E_APP_PORT) + 4_000);
// The stand-in GitHub (e2e/fake-github.ts) runs inside the OAuth spec; the app only needs its address up front.
process.env.E2E_FAKE_GITHUB_PORT ??= String(Number(process.env.E2E_APP_PORT) + 8_000);
const appPort = Number(process.env.E2E_APP_PORT);
const fakePort = Number(process.env.E2E_FAKE_OPENAI_PORT);
const githubPort = Number(process.env.E2E_FAKE_GITHUB_PORT);
process.env.E2E_DATABASE_NAME ??= `lumi_e2e_${randomBytes(4).toString('hex')}`;
const serverUrl = new URL(process.env.E2E_DATABASE_SERVER ?? 'postgresql://root@127.0.0.1:5432/postgres');
const databaseUrl = Object.assign(new URL(serverUrl), { pathname: `/${process.env.E2E_DATABASE_NAME}` }).toString();
process.env.E2E_DATABASE_URL = databaseUrl;
process.env.E2E_FAKE_OPENAI_URL = `http://127.0.0.1:${fakePort}`;
// The app runs as the Docker image runs it: the standalone build, copied out of the repository (global teardown
// removes the copy).
process.env.E2E_STANDALONE_DIR ??= standaloneCopyDir(process.env.E2E_DATABASE_NAME);

export default defineConfig({
  testDir: './e2e',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: false,
  // One worker: the specs share the fake model's queue of scripted replies.
  workers: 1,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  outputDir: 'test-results',
  reporter: [['list'], ['json', { outputFile: '.test-results/playwright.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${appPort}`,
    screenshot: 'on',
    trace: 'retain-on-failure',
    locale: 'en-GB',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: [
    {
      command: `npx tsx ../../packages/fake-openai/src/cli.ts --port ${fakePort} --delay-ms 5`,
      url: `http://127.0.0.1:${fakePort}/v1/models`,
      reuseExistingServer: false,
      timeout: 30_000,
    },
    {
      // Every interface, as `npm start` listens: addresses.spec.ts reaches the app under a second address too.
      command: standaloneServerCommand(process.env.E2E_STANDALONE_DIR),
      // Readiness needs no database: the page only reads the (empty) session cookie.
      url: `http://127.0.0.1:${appPort}/sign-in`,
      reuseExistingServer: false,
      timeout: 60_000,
      env: {
        PORT: String(appPort),
        HOSTNAME: '0.0.0.0',
        DATABASE_URL: databaseUrl,
        AUTH_SECRET: 'e2e-secret-not-for-production-0123456789',
        AUTH_TRUST_HOST: 'true',
        OPENAI_API_KEY: 'test',
        LUMI_METRICS_TOKEN: METRICS_TOKEN,
        // GitHub sign-in switches on with these, against the stand-in GitHub (oauth.spec.ts).
        AUTH_GITHUB_ID: 'lumi-e2e-client',
        AUTH_GITHUB_SECRET: 'lumi-e2e-secret',
        AUTH_GITHUB_ENTERPRISE_URL: `http://127.0.0.1:${githubPort}`,
        OPENAI_BASE_URL: `http://127.0.0.1:${fakePort}/v1`,
        NODE_ENV: 'production',
      },
    },
  ],
});
