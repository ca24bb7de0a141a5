import { createInterface, type Interface } from 'node:readline';
import { ask } from './ask';
import { isCommand, runCommand, type CommandOutput } from './commands';
import { dimmer, formatTokens, plural } from './format';
import { DEMO_NOTICE, describeFailure, replyStatus } from './messages';
import type { TutorSession } from './session';

interface SessionIo {
  input: NodeJS.ReadStream;
  output: NodeJS.WriteStream;
  errorOutput: NodeJS.WriteStream;
}

const PROMPT = 'you> ';

/** The interactive session: reads lines (typed, or piped with --interactive) until /quit, Ctrl-D or Ctrl-C. */
export async function runInteractive(
  session: TutorSession,
  { input, output, errorOutput }: SessionIo,
): Promise<number> {
  const terminal = input.isTTY === true && output.isTTY === true;
  // A prompt only helps someone typing; piped command scripts get clean output.
  const rl = createInterface({ input, output, terminal, prompt: input.isTTY ? PROMPT : '', historySize: 200 });
  const dim = dimmer(output);
  const out: CommandOutput = {
    say: (text) => output.write(`${text}\n`),
    note: (text) => output.write(`${dim(text)}\n`),
  };
  let streaming: AbortController | undefined;

  // Ctrl-C: stop the reply if one is streaming, else clear a half-typed line, else leave.
  rl.on('SIGINT', () => {
    if (streaming) streaming.abort();
    else if (rl.line) clearLine(rl, output);
    else rl.close();
  });

  out.say(
    `Lumi tutor · ${session.model.id} · reply cap ${formatTokens(session.maxTokens)} tokens. Type /help for commands.`,
  );
  if (session.provider.offline) out.note(DEMO_NOTICE);

  async function converse(question: string): Promise<void> {
    streaming = new AbortController();
    let midLine = false;
    try {
      const result = await ask(session, question, {
        signal: streaming.signal,
        onPlan: (plan) => {
          if (plan.omittedTurns > 0)
            out.note(
              `(${plural(plan.omittedTurns, 'older turn')} left out of this request to fit ${session.model.id}'s window; /tokens shows the budget)`,
            );
        },
        onDelta: (text) => {
          output.write(text);
          midLine = !text.endsWith('\n');
        },
      });
      if (midLine) output.write('\n');
      out.note(replyStatus(result, session.model));
    } catch (error) {
      if (midLine) output.write('\n');
      errorOutput.write(`${describeFailure(error)}\n`);
    } finally {
      streaming = undefined;
    }
  }

  rl.prompt();
  for await (const raw of rl) {
    const line = raw.trim();
    if (isCommand(line)) {
      if ((await runCommand(session, line, out)) === 'quit') break;
    } else if (line) await converse(line);
    rl.prompt();
  }
  rl.close();
  if (terminal) output.write('\n');
  return 0;
}

function clearLine(rl: Interface, output: NodeJS.WriteStream): void {
  rl.write(null, { ctrl: true, name: 'e' });
  rl.write(null, { ctrl: true, name: 'u' });
  output.write('^C\n');
  rl.prompt();
}
