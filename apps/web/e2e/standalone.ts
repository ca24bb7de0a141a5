import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** The Docker image's start command (its CMD), run in a copy of the standalone build. */
export const STANDALONE_COMMAND = ['node', 'apps/web/server.js'] as const;

/** Where a test run copies the standalone build: outside the repository, so no node_modules of ours can help it. */
export function standaloneCopyDir(tag: string): string {
  return path.join(os.tmpdir(), `lumi-standalone-${tag}`);
}

/**
 * A shell command that copies the standalone build to `dir` and starts it there the way the image does: the
 * server must run from its folder alone. PORT and HOSTNAME come from the environment, as in the image.
 */
export function standaloneServerCommand(dir: string): string {
  const built = path.resolve(import.meta.dirname, '../.next/standalone');
  return `rm -rf '${dir}' && cp -r '${built}' '${dir}' && cd '${dir}' && exec ${STANDALONE_COMMAND.join(' ')}`;
}

/**
 * Starts the first node's standalone copy again on `port` (same database) with settings of its own, collecting what
 * it prints.
 */
export function spawnNode(port: number, settings: Record<string, string>) {
  const [command, ...args] = STANDALONE_COMMAND;
  const server = spawn(command, args, {
    cwd: process.env.E2E_STANDALONE_DIR,
    env: {
      ...process.env,
      PORT: String(port),
      HOSTNAME: '0.0.0.0',
      DATABASE_URL: process.env.E2E_DATABASE_URL,
      AUTH_SECRET: 'e2e-secret-not-for-production-0123456789',
      AUTH_TRUST_HOST: 'true',
      OPENAI_API_KEY: 'test',
      NODE_ENV: 'production',
      ...settings,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  for (const stream of [server.stdout, server.stderr])
    stream.on('data', (chunk) => (output = (output + chunk).slice(-4000)));
  return { server, output: () => output };
}

/**
 * One more node of the app under test, listening on every interface on `port` or one the system says is free, with
 * settings given its port; resolves once it serves pages. Returns its port, what stops it, and its process.
 */
export async function startExtraNode(
  settings: (port: number) => Record<string, string>,
  fixedPort?: number,
): Promise<{ port: number; stop: () => void; server: ChildProcess }> {
  const port = fixedPort ?? (await freePort());
  const { server, output } = spawnNode(port, settings(port));
  for (let tries = 0; ; tries++) {
    const ready = await fetch(`http://127.0.0.1:${port}/sign-in`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) return { port, stop: () => server.kill('SIGTERM'), server };
    if (tries > 300 || server.exitCode !== null) {
      server.kill('SIGKILL');
      throw new Error(`the extra app node on port ${port} did not start (exit ${server.exitCode}):\n${output()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** A port nothing listens on now (the system picks it), rather than a fixed offset a busy machine may hold. */
async function freePort(): Promise<number> {
  const probe = createServer().listen(0, '0.0.0.0');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  probe.close();
  await once(probe, 'close');
  return port;
}
