#!/usr/bin/env tsx
// Lumi's terminal tutor: an interactive session, or one answer for scripts (argument or piped stdin).
import { CatalogConfigError, ProxyConfigError, SettingError, UnknownModelError, type Env } from '@lumi/chat-core';
import { parseCliArgs, USAGE, UsageError } from './args';
import { runOneShot } from './one-shot';
import { runInteractive } from './repl';
import { createSession } from './setup';

async function readAll(stream: NodeJS.ReadStream): Promise<string> {
  let text = '';
  stream.setEncoding('utf8');
  for await (const chunk of stream) text += chunk;
  return text;
}

/** Settings mistakes get one line on stderr, not a stack trace. */
function isSettingsError(error: unknown): error is Error {
  return [UsageError, CatalogConfigError, ProxyConfigError, SettingError, UnknownModelError].some(
    (type) => error instanceof type,
  );
}

async function main(argv: string[], env: Env): Promise<number> {
  const io = { input: process.stdin, output: process.stdout, errorOutput: process.stderr };
  try {
    const options = parseCliArgs(argv);
    if (options.help) {
      io.output.write(USAGE);
      return 0;
    }
    const session = createSession(options, env);
    if (options.question) return await runOneShot(session, options.question, io);
    if (options.interactive || io.input.isTTY) return await runInteractive(session, io);

    const question = (await readAll(io.input)).trim();
    if (!question) throw new UsageError('No question given (as an argument or on stdin).');
    return await runOneShot(session, question, io);
  } catch (error) {
    if (!isSettingsError(error)) throw error;
    io.errorOutput.write(`${error.message}${error instanceof UsageError ? ' See --help.' : ''}\n`);
    return 2;
  }
}

const code = await main(process.argv.slice(2), process.env);
// Exit explicitly: idle keep-alive sockets to the model server would otherwise hold the process open.
process.stdout.write('', () => process.exit(code));
