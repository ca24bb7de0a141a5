import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';

const run = (command: 'create' | 'drop') =>
  execFileSync('npx', ['tsx', path.join(import.meta.dirname, 'database.ts'), command, process.env.E2E_DATABASE_NAME!], {
    stdio: 'inherit',
  });

/** Creates, migrates and seeds the database named in playwright.config.ts; the returned teardown drops it. */
export default function globalSetup() {
  run('create');
  return () => {
    run('drop');
    rmSync(process.env.E2E_STANDALONE_DIR!, { recursive: true, force: true });
  };
}
