import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

// Next bundles src/instrumentation.ts for the Edge runtime too, where a Node.js API (process.exit) makes the build
// warn. The hook itself holds none: the Node-only start (server/start-node.ts) is imported only in a branch the
// Edge bundle drops, `if (process.env.NEXT_RUNTIME === 'nodejs') { ... }` (an early return does not drop it).
const hook = readFileSync(new URL('../src/instrumentation.ts', import.meta.url), 'utf8').replace(
  /\/\*[\s\S]*?\*\/|\/\/.*$/gm,
  '',
);

it('the instrumentation hook uses no Node.js API itself', () => {
  expect(hook).not.toMatch(/process\.(exit|on|once|kill|cwd|argv)\b/);
  expect(hook).not.toMatch(/^import\b(?!\s+type\b)/m);
});

it('it imports the Node.js start only inside the nodejs branch, not after an early return', () => {
  const branch = /if \(process\.env\.NEXT_RUNTIME === 'nodejs'\) \{([\s\S]*?)\n {2}\}/.exec(hook);
  expect(branch?.[1]).toContain("import('./server/start-node')");
  expect(hook.replace(branch?.[0] ?? '', '')).not.toContain('import(');
  expect(hook).not.toMatch(/NEXT_RUNTIME !== 'nodejs'/);
});
