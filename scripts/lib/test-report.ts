import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface Tally {
  passed: number;
  failed: number;
}

export const REPORT_DIR = '.test-results';
export const VITEST_REPORT = path.join(REPORT_DIR, 'vitest.json');
export const PLAYWRIGHT_REPORT = path.join(REPORT_DIR, 'playwright.json');

interface VitestReport {
  success: boolean;
  numPassedTests: number;
  numFailedTests: number;
}

interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number };
  errors?: unknown[];
}

/**
 * One package's vitest JSON report. A missing report means the suite crashed before reporting, and a
 * failed run without failed tests (a file that did not load, an unhandled error) still counts as one failure.
 */
export function vitestTally(packageDir: string): Tally {
  const report = readJson<VitestReport>(path.join(packageDir, VITEST_REPORT));
  if (!report) return { passed: 0, failed: 1 };
  const failed = report.numFailedTests || (report.success ? 0 : 1);
  return { passed: report.numPassedTests, failed };
}

/** Playwright's JSON report: flaky tests passed on retry; errors outside tests (e.g. the web server) fail the run. */
export function playwrightTally(packageDir: string): Tally {
  const report = readJson<PlaywrightReport>(path.join(packageDir, PLAYWRIGHT_REPORT));
  if (!report) return { passed: 0, failed: 1 };
  const { expected, unexpected, flaky } = report.stats;
  return { passed: expected + flaky, failed: unexpected || (report.errors?.length ? 1 : 0) };
}

export function sum(tallies: Tally[]): Tally {
  return tallies.reduce((total, t) => ({ passed: total.passed + t.passed, failed: total.failed + t.failed }), {
    passed: 0,
    failed: 0,
  });
}

function readJson<T>(file: string): T | null {
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return null;
  }
}
