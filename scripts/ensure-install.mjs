// Installs dependencies on a fresh clone or after package-lock.json changed. Node built-ins only:
// this runs before anything is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** npm records the installed tree in node_modules/.package-lock.json; an older record means a stale install. */
export function needsInstall(dir = root) {
  const installed = path.join(dir, 'node_modules', '.package-lock.json');
  if (!existsSync(installed)) return true;
  return statSync(path.join(dir, 'package-lock.json')).mtimeMs > statSync(installed).mtimeMs;
}

export function ensureInstalled(dir = root) {
  if (!needsInstall(dir)) return;
  console.log('Installing dependencies (npm ci)...');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(
      "Installing dependencies failed (see npm's output above); fix the problem and run the command again.",
    );
    process.exit(result.status || 1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) ensureInstalled();
