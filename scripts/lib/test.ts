import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { authSecret } from './auth-secret';
import { run, stopChildren } from './children';
import { prepareDatabase } from './database';
import { exitWith, say } from './problem';
import { webDir } from './paths';
import { REPORT_DIR, VITEST_REPORT, playwrightTally, sum, vitestTally } from './test-report';
import type { Tally } from './test-report';
import { turboBin } from './tools';
import { workspaces } from './workspaces';

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

  let e2eCode = 0;
  const hasBrowserSuite = existsSync(path.join(webDir, 'playwright.config.ts'));
  const chromium = findChromium(env);
  if (hasBrowserSuite && !chromium) {
    // Playwright never downloads a browser; say loudly what was not run rather than fail a fresh machine.
    say(
      'The browser suite was NOT run: no Chromium found. Install it (Debian: apt-get install chromium) or set CHROMIUM_PATH.',
    );
  } else if (hasBrowserSuite && chromium) {
    say("Running the web app's Playwright suite...");
    // playwright.config.ts writes its JSON report to PLAYWRIGHT_REPORT and creates its database on this server.
    const e2eEnv = { ...env, E2E_DATABASE_SERVER: env.DATABASE_URL, CHROMIUM_PATH: chromium };
    e2eCode = await run(turboBin, ['run', 'test:e2e', '--concurrency=1'], { env: e2eEnv });
    tallies.push(playwrightTally(webDir));
  }
  return { tally: sum(tallies), crashed: unitCode !== 0 || e2eCode !== 0 };
}

function findChromium(env: NodeJS.ProcessEnv): string | undefined {
  const candidates = [env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((candidate): candidate is string => !!candidate && existsSync(candidate));
}
