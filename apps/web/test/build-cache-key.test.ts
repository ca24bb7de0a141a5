import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const turbo = path.join(root, 'node_modules/.bin/turbo');

/**
 * The hash turbo gives the web app's build under an environment: equal hashes mean a cache hit, no rebuild.
 * Server settings are read when the server runs (process.env at run time), so only variables Next inlines into
 * the bundle at build time (NEXT_PUBLIC_*) may change it.
 */
async function webBuildHash(env: Record<string, string>): Promise<string> {
  const { stdout } = await promisify(execFile)(turbo, ['run', 'build', '--filter=@lumi/web', '--dry=json'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      TURBO_TELEMETRY_DISABLED: '1',
      ...env,
    },
    maxBuffer: 16 * 1024 * 1024,
  });
  const plan = JSON.parse(stdout) as { tasks: Array<{ taskId: string; hash: string }> };
  return plan.tasks.find((task) => task.taskId === '@lumi/web#build')!.hash;
}

describe("the web build's cache key", () => {
  it('stays the same for another port, address, secret, database or server setting', async () => {
    const base = { PORT: '3000' };
    const variants: Record<string, string>[] = [
      { PORT: '4000' },
      { PORT: '3000', AUTH_URL: 'http://192.0.2.2:47100', AUTH_TRUST_HOST: 'true' },
      { PORT: '3000', AUTH_SECRET: 'another-secret', AUTH_GITHUB_ID: 'id', AUTH_GITHUB_SECRET: 'secret' },
      { PORT: '3000', DATABASE_URL: 'postgresql://lumi@db.school.example/lumi', OPENAI_API_KEY: 'sk-test' },
      { PORT: '3000', LUMI_CHAT_RATE_LIMIT: '5', LUMI_PERSONAL_DAILY_BUDGET: '1000', LUMI_SKIP_SEED: '1' },
    ];
    const [first, ...others] = await Promise.all([base, ...variants].map(webBuildHash));
    expect(others).toEqual(variants.map(() => first));
  }, 60_000);

  it('changes with a NEXT_PUBLIC_ variable, which Next writes into the bundle', async () => {
    const [plain, publicValue] = await Promise.all([
      webBuildHash({ PORT: '3000' }),
      webBuildHash({ PORT: '3000', NEXT_PUBLIC_LUMI_SCHOOL: 'Greenfield' }),
    ]);
    expect(publicValue).not.toBe(plain);
  }, 60_000);
});
