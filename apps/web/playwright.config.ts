import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { NGINX_BIN, nginxConfig } from '../../scripts/lib/topology/nginx';
import { METRICS_TOKEN } from './e2e/fixtures';
import { standaloneCopyDir, standaloneServerCommand } from './e2e/standalone';
import { choosePortBase, e2ePort } from './e2e/ports';
import { BALANCED, nodePorts } from './e2e/topology';

// The browser tests run against the built app (the standalone server) with a database of their own and the fake
// OpenAI: one node, or (E2E_TOPOLOGY=balanced) two behind nginx, see e2e/topology.ts.
// Playwright starts web servers before global setup, so the database name is chosen here (once: workers inherit
// the environment) and global setup creates it under that name.
// One block of ports below the ephemeral range, chosen once (workers inherit the environment): e2e/ports.ts.
process.env.E2E_PORT_BASE ??= String(choosePortBase());
process.env.E2E_APP_PORT = String(e2ePort('app'));
process.env.E2E_FAKE_OPENAI_PORT = String(e2ePort('fakeOpenai'));
// The stand-in GitHub (e2e/fake-github.ts) runs inside the OAuth spec; the app only needs its address up front.
process.env.E2E_FAKE_GITHUB_PORT = String(e2ePort('fakeGithub'));
const appPort = Number(process.env.E2E_APP_PORT);
const fakePort = Number(process.env.E2E_FAKE_OPENAI_PORT);
const githubPort = Number(process.env.E2E_FAKE_GITHUB_PORT);
process.env.E2E_DATABASE_NAME ??= `lumi_e2e_${randomBytes(4).toString('hex')}`;
const inDatabase = (server: string) =>
  Object.assign(new URL(server), { pathname: `/${process.env.E2E_DATABASE_NAME}` }).toString();
// E2E_DATABASE_SERVER may be a pooler (PgBouncer, `?pgbouncer=true`); E2E_DIRECT_DATABASE_SERVER is then PostgreSQL
// itself, for LISTEN and for making the database.
const databaseUrl = inDatabase(process.env.E2E_DATABASE_SERVER ?? 'postgresql://root@127.0.0.1:5432/postgres');
const directUrl = process.env.E2E_DIRECT_DATABASE_SERVER
  ? inDatabase(process.env.E2E_DIRECT_DATABASE_SERVER)
  : undefined;
process.env.E2E_DATABASE_URL = directUrl ?? databaseUrl;
process.env.E2E_FAKE_OPENAI_URL = `http://127.0.0.1:${fakePort}`;
// The app runs as the Docker image runs it: the standalone build, copied out of the repository, one copy a node
// (global teardown removes them). E2E_STANDALONE_DIR is the first node's.
const nodes = nodePorts(appPort);
const copies = nodes.map((_, i) => standaloneCopyDir(`${process.env.E2E_DATABASE_NAME}-${i}`));
process.env.E2E_STANDALONE_DIR = copies[0];
process.env.E2E_STANDALONE_DIRS = copies.join(path.delimiter);

const nodeEnv = {
  HOSTNAME: '0.0.0.0',
  DATABASE_URL: databaseUrl,
  ...(directUrl ? { DIRECT_DATABASE_URL: directUrl } : {}),
  AUTH_SECRET: 'e2e-secret-not-for-production-0123456789',
  AUTH_TRUST_HOST: 'true',
  OPENAI_API_KEY: 'test',
  LUMI_METRICS_TOKEN: METRICS_TOKEN,
  // Every spec signs up from this one machine's address; addresses.spec.ts starts a node with the default.
  LUMI_SIGN_UP_LIMIT: '1000',
  // nginx, when balanced, is the one proxy in front of the nodes.
  LUMI_TRUSTED_PROXY_HOPS: BALANCED ? '1' : '0',
  // GitHub sign-in switches on with these, against the stand-in GitHub (oauth.spec.ts).
  AUTH_GITHUB_ID: 'lumi-e2e-client',
  AUTH_GITHUB_SECRET: 'lumi-e2e-secret',
  AUTH_GITHUB_ENTERPRISE_URL: `http://127.0.0.1:${githubPort}`,
  OPENAI_BASE_URL: `http://127.0.0.1:${fakePort}/v1`,
  NODE_ENV: 'production',
};

/** nginx in front of the nodes, listening on the app's port, with a config of its own beside the copies. */
function balancer() {
  const dir = `${copies[0]}-nginx`;
  mkdirSync(dir, { recursive: true, mode: 0o777 });
  const config = path.join(dir, 'nginx.conf');
  writeFileSync(config, nginxConfig(dir, appPort, nodes));
  return {
    command: `${NGINX_BIN} -c ${config} -p ${dir} -e ${path.join(dir, 'error.log')}`,
    url: `http://127.0.0.1:${appPort}/sign-in`,
    reuseExistingServer: false,
    timeout: 30_000,
  };
}

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
    ...nodes.map((port, i) => ({
      // Every interface, as `npm start` listens: addresses.spec.ts reaches the app under a second address too.
      command: standaloneServerCommand(copies[i]!),
      // Readiness needs no database: the page only reads the (empty) session cookie.
      url: `http://127.0.0.1:${port}/sign-in`,
      reuseExistingServer: false,
      timeout: 90_000,
      env: { ...nodeEnv, PORT: String(port) },
    })),
    ...(BALANCED ? [balancer()] : []),
  ],
});
