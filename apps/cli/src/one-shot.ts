import { ask } from './ask';
import { DEMO_NOTICE, describeFailure } from './messages';
import type { TutorSession } from './session';

interface OneShotIo {
  output: NodeJS.WritableStream;
  errorOutput: NodeJS.WritableStream;
}

/** Streams one answer to `output` (nothing else goes there, so scripts can capture it); returns the exit code. */
export async function runOneShot(
  session: TutorSession,
  question: string,
  { output, errorOutput }: OneShotIo,
): Promise<number> {
  if (session.provider.offline) errorOutput.write(`${DEMO_NOTICE}\n`);
  try {
    const result = await ask(session, question, { onDelta: (text) => output.write(text) });
    output.write('\n');
    if (result.finishReason === 'length')
      errorOutput.write(`The answer was cut at the reply cap of ${session.maxTokens} tokens (--max-tokens).\n`);
    return 0;
  } catch (error) {
    errorOutput.write(`${describeFailure(error)}\n`);
    return 1;
  }
}
