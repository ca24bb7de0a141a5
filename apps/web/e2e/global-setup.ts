import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { nodes } from './topology';

const run = (command: 'create' | 'drop') =>
  execFileSync('npx', ['tsx', path.join(import.meta.dirname, 'database.ts'), command, process.env.E2E_DATABASE_NAME!], {
    stdio: 'inherit',
  });

/**
 * Creates, migrates and seeds the database named in playwright.config.ts, and has each node sign a visitor in
 * once: its first sign-in loads the password hashing and the auth routes, which on a busy machine can outlast a
 * test's wait, and with two nodes the first tests would meet both cold. The returned teardown drops the database.
 */
export default async function globalSetup() {
  run('create');
  await Promise.all(nodes().map(warmSignIn));
  return () => {
    run('drop');
    // The standalone copies, one a node, and nginx's folder beside the first.
    const copies = process.env.E2E_STANDALONE_DIRS!.split(path.delimiter);
    for (const dir of [...copies, `${copies[0]}-nginx`]) rmSync(dir, { recursive: true, force: true });
  };
}

async function warmSignIn(port: number) {
  const base = `http://127.0.0.1:${port}`;
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = csrf.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');
  await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams({ csrfToken, email: 'nobody@e2e.lumi.test', password: 'not a password' }),
  });
}
