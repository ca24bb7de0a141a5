import { DatabaseUrlError } from '@lumi/db/migrate';
import { EmbeddedPostgresError } from '@lumi/db/embedded';

/** Something the user fixes (configuration, a busy port, a failed step); printed as its one-line message. */
export class Problem extends Error {
  override name = 'Problem';
}

/** Ends the process: known problems as one sentence, anything else (a bug) with its stack. */
export function exitWith(error: unknown): never {
  const known = error instanceof Problem || error instanceof DatabaseUrlError || error instanceof EmbeddedPostgresError;
  console.error(known ? `\n${error.message}` : error);
  process.exit(1);
}

export function say(message: string): void {
  console.log(`[lumi] ${message}`);
}
