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
