import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { root } from './paths';

export interface Workspace {
  name: string;
  dir: string;
  scripts: Record<string, string>;
}

/** Packages under apps/ and packages/, and scripts/ itself (tooling and bench have no tests). */
export function workspaces(): Workspace[] {
  const dirs = ['apps', 'packages'].flatMap((group) =>
    readdirSync(path.join(root, group), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(path.join(root, group, entry.name, 'package.json')))
      .map((entry) => path.join(root, group, entry.name)),
  );
  return [...dirs, path.join(root, 'scripts')].map((dir) => {
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as Omit<Workspace, 'dir'>;
    return { name: manifest.name, dir, scripts: manifest.scripts ?? {} };
  });
}
