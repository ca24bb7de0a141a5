// Runs the real CLI as a child process, the way a user or a script would.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const MAIN = path.resolve(here, '../src/main.ts');
// tsx's own CLI entry, run with the current node: no shell, no npx.
export const TSX_CLI = createRequire(import.meta.url).resolve('tsx/cli');

const PROVIDER_VARS = [
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'OPENAI_PROXY',
  'HTTPS_PROXY',
  'HTTP_PROXY',
  'https_proxy',
  'http_proxy',
  'LUMI_MODEL_CATALOG',
];

/** The test's environment without any model configuration the developer may have, plus `extra`. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const name of PROVIDER_VARS) delete env[name];
  return { ...env, ...extra };
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to completion with `input` on stdin (closed afterwards). */
export function runCli(args: string[], options: { env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<CliRun> {
  const child = spawn(process.execPath, [TSX_CLI, MAIN, ...args], { env: options.env ?? cliEnv(), stdio: 'pipe' });
  child.stdin.end(options.input ?? '');
  return collect(child);
}

export function collect(child: ChildProcess): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The chat request body the fake upstream received, as far as these tests read it. */
export interface SentBody {
  model: string;
  max_tokens?: number;
  messages: { role: string; content: string }[];
}
