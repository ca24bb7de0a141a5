import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { PGBOUNCER_BIN, startPgBouncer, type RunningPgBouncer } from '@lumi/db/harness/pgbouncer';
import { authSecret } from './auth-secret';
import { run, stopChildren } from './children';
import { prepareDatabase } from './database';
import { exitWith, say } from './problem';
import { webDir } from './paths';
import { REPORT_DIR, VITEST_REPORT, playwrightTally, sum, vitestTally } from './test-report';
import type { Tally } from './test-report';
import { turboBin } from './tools';
import { NGINX_BIN } from './topology/nginx';
import { workspaces, type Workspace } from './workspaces';

let stopDatabase: () => Promise<void> = async () => {};

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(
    signal,
    () =>
      void stopChildren()
        .then(stopDatabase)
        .finally(() => process.exit(130)),
  );
}

try {
  const database = await prepareDatabase();
  stopDatabase = database.stop;
  const env = { ...process.env, DATABASE_URL: database.url, AUTH_SECRET: authSecret() };
  const { tally, crashed } = await runSuites(env);
  await stopDatabase();
  // The one line CI reads.
  console.log(`\n${tally.passed} passed, ${tally.failed} failed`);
  process.exit(tally.failed > 0 || crashed ? 1 : 0);
} catch (error) {
  await stopChildren();
  await stopDatabase();
  exitWith(error);
}

async function runSuites(env: NodeJS.ProcessEnv): Promise<{ tally: Tally; crashed: boolean }> {
  const tested = workspaces().filter((w) => w.scripts.test);
  // Reports are written fresh or restored from turbo's cache; a stale one must not count.
  for (const w of tested) rmSync(path.join(w.dir, REPORT_DIR), { recursive: true, force: true });

  say(`Running the unit and integration suites of ${tested.length} packages...`);
  // Each package's test script writes VITEST_REPORT (turbo would also pass `--` arguments to dependency tasks).
  const unitCode = await run(turboBin, ['run', 'test', '--concurrency=2', '--continue'], { env });
  const tallies = tested.map((w) => {
    const tally = vitestTally(w.dir);
    if (!existsSync(path.join(w.dir, VITEST_REPORT))) say(`${w.name}: its tests crashed before reporting.`);
    return tally;
  });

  // Through a transaction-mode PgBouncer (Debian's 1.18 keeps no prepared statements): the API suite once more,
  // and the browser suite's nodes. .ci/run installs it; elsewhere its absence is said, not hidden.
  const pooler = existsSync(PGBOUNCER_BIN) ? await startPgBouncer(env.DATABASE_URL!) : null;
  try {
    const api = tested.find((w) => w.name === '@lumi/api');
    let pooledCode = 0;
    if (!pooler) {
      say('The API suite was NOT run through PgBouncer: it is not installed (Debian: apt-get install pgbouncer).');
    } else if (api) {
      pooledCode = await runThroughPooler(api, env, pooler);
      tallies.push(vitestTally(api.dir));
    }
    const e2e = await runBrowserSuite(env, pooler);
    tallies.push(...e2e.tallies);
    return { tally: sum(tallies), crashed: unitCode !== 0 || pooledCode !== 0 || e2e.code !== 0 };
  } finally {
    await pooler?.stop();
  }
}

async function runThroughPooler(api: Workspace, env: NodeJS.ProcessEnv, pooler: RunningPgBouncer): Promise<number> {
  say('Running the API suite again with its queries through PgBouncer in transaction mode...');
  rmSync(path.join(api.dir, REPORT_DIR), { recursive: true, force: true });
  return run(turboBin, ['run', 'test', `--filter=${api.name}`], {
    env: { ...env, DATABASE_URL: pooler.url, DIRECT_DATABASE_URL: env.DATABASE_URL },
  });
}

async function runBrowserSuite(
  env: NodeJS.ProcessEnv,
  pooler: RunningPgBouncer | null,
): Promise<{ code: number; tallies: Tally[] }> {
  let e2eCode = 0;
  const tallies: Tally[] = [];
  const hasBrowserSuite = existsSync(path.join(webDir, 'playwright.config.ts'));
  const chromium = findChromium(env);
  if (hasBrowserSuite && !chromium) {
    // Playwright never downloads a browser; say loudly what was not run rather than fail a fresh machine.
    say(
      'The browser suite was NOT run: no Chromium found. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.',
    );
  } else if (hasBrowserSuite && chromium) {
    // Two nodes behind nginx, round robin, where nginx is installed (.ci/run installs it), as Lumi is deployed;
    // E2E_TOPOLOGY=single asks for one node. Its absence is said, not hidden.
    const balanced = env.E2E_TOPOLOGY !== 'single' && existsSync(NGINX_BIN);
    if (!balanced && env.E2E_TOPOLOGY !== 'single') {
      say('The browser suite runs on ONE node: nginx is not installed (Debian: apt-get install nginx-light).');
    }
    say(
      `Running the web app's Playwright suite on ${balanced ? 'two nodes behind nginx' : 'one node'}` +
        `${pooler ? ', their queries through PgBouncer' : ''}...`,
    );
    // playwright.config.ts writes its JSON report to PLAYWRIGHT_REPORT and creates its database on this server.
    const e2eEnv = {
      ...env,
      E2E_TOPOLOGY: balanced ? 'balanced' : 'single',
      E2E_DATABASE_SERVER: pooler?.url ?? env.DATABASE_URL,
      ...(pooler ? { E2E_DIRECT_DATABASE_SERVER: env.DATABASE_URL } : {}),
      CHROMIUM_PATH: chromium,
    };
    e2eCode = await run(turboBin, ['run', 'test:e2e', '--concurrency=1'], { env: e2eEnv });
    tallies.push(playwrightTally(webDir));
  }
  return { code: e2eCode, tallies };
}

function findChromium(env: NodeJS.ProcessEnv): string | undefined {
  const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((candidate): candidate is string => !!candidate && existsSync(candidate));
}
