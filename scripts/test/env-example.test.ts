import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { root } from '../lib/paths';

// .env.example is where an operator learns what Lumi reads from the environment; the README's Configuration table
// says what each does. Both must list every variable the running code reads, and nothing it does not.

/** Read by the code but set by the platform or only by Lumi's own test tools, so not an operator's setting. */
const NOT_SETTINGS: Record<string, string> = {
  NODE_ENV: 'set by Node and Next',
  NEXT_RUNTIME: 'set by Next',
  INIT_CWD: 'set by npm',
  PRISMA_SCHEMA_ENGINE_BINARY: 'build tooling (prisma.config.ts), see packages/db/engine',
  CHROMIUM_PATH: 'the browser for `npm test`, documented under Tests',
  E2E_TOPOLOGY:
    "`npm test`'s browser-suite topology (two nodes behind nginx, or `single`), documented in docs/scaling.md",
  NEXTAUTH_URL: "Auth.js v4's name for AUTH_URL, still honoured; documented as AUTH_URL",
};
/** In .env.example and the README, but read by a library rather than by Lumi's code. */
const READ_BY_LIBRARIES: Record<string, string> = { AUTH_URL: 'Auth.js' };

const SOURCE_ROOTS = [
  'apps/web/src',
  'apps/cli/src',
  'packages',
  'scripts/lib',
  'scripts/start.mjs',
  'prisma.config.ts',
];
const SKIPPED = /(^|\/)(node_modules|generated|test|e2e)(\/|$)/;

function sourceFiles(entry: string): string[] {
  const full = path.join(root, entry);
  if (SKIPPED.test(entry)) return [];
  if (statSync(full).isFile()) return /\.(ts|tsx|mjs)$/.test(entry) ? [full] : [];
  return readdirSync(full).flatMap((name) => sourceFiles(path.join(entry, name)));
}

function variablesReadByCode(): Set<string> {
  const names = new Set<string>();
  for (const file of SOURCE_ROOTS.flatMap(sourceFiles)) {
    const text = readFileSync(file, 'utf8');
    // process.env.X, env.X, env?.X, env['X']
    for (const m of text.matchAll(/\benv\??\.([A-Z][A-Z0-9_]*)\b|\benv\[['"]([A-Z][A-Z0-9_]*)['"]\]/g)) {
      names.add(m[1] ?? m[2]!);
    }
    // Names handed to a reader: envInteger(env, 'LUMI_CHAT_RATE_LIMIT', ...), firstSet(env, 'HTTPS_PROXY', ...)
    for (const m of text.matchAll(/\(\s*env\s*,((?:\s*'[A-Za-z][A-Za-z0-9_]*'\s*,?)+)/g)) {
      for (const name of m[1]!.matchAll(/'([A-Z][A-Z0-9_]*)'/g)) names.add(name[1]!);
    }
    // A name kept in a constant: MODEL_CATALOG_ENV = 'LUMI_MODEL_CATALOG'
    for (const m of text.matchAll(/'((?:LUMI|OPENAI|AUTH)_[A-Z0-9_]+)'/g)) names.add(m[1]!);
  }
  for (const name of Object.keys(NOT_SETTINGS)) names.delete(name);
  return names;
}

const documented = (text: string) => new Set([...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]!));

it('.env.example lists every variable the code reads, and only those', () => {
  const read = variablesReadByCode();
  // A check on the scan itself: each of these is read in another way.
  for (const name of ['DATABASE_URL', 'OPENAI_PROXY', 'HTTPS_PROXY', 'LUMI_CHAT_RATE_LIMIT', 'LUMI_MODEL_CATALOG']) {
    expect(read).toContain(name);
  }
  const example = documented(readFileSync(path.join(root, '.env.example'), 'utf8'));
  expect([...read].filter((name) => !example.has(name)).sort()).toEqual([]);
  expect([...example].filter((name) => !read.has(name) && !READ_BY_LIBRARIES[name]).sort()).toEqual([]);
});

it("the README's Configuration section explains every variable in .env.example", () => {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const configuration = readme.slice(
    readme.indexOf('## Configuration'),
    readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1),
  );
  const example = documented(readFileSync(path.join(root, '.env.example'), 'utf8'));
  expect([...example].filter((name) => !configuration.includes(`\`${name}\``)).sort()).toEqual([]);
});
