import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { startFakeOpenAI, type FakeOpenAI } from '@lumi/fake-openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, collect, MAIN, TSX_CLI, type CliRun } from './cli-process';

// util-linux `script` gives the CLI a real pseudo-terminal: stdin and stdout are TTYs, keys arrive raw.
// eslint-disable-next-line no-control-regex -- matching terminal escape sequences is the point
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;
const shellQuote = (arg: string) => `'${arg.replaceAll("'", "'\\''")}'`;

class PtySession {
  private raw = '';
  readonly exited: Promise<CliRun>;
  private readonly child: ChildProcessWithoutNullStreams;

  constructor(args: string[], env: NodeJS.ProcessEnv) {
    const command = [process.execPath, TSX_CLI, MAIN, ...args].map(shellQuote).join(' ');
    this.child = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...env, TERM: 'dumb' } });
    this.child.stdout.setEncoding('utf8').on('data', (chunk: string) => (this.raw += chunk));
    this.exited = collect(this.child);
  }

  /** What the terminal showed so far, without cursor and colour codes. */
  get screen(): string {
    return this.raw.replace(ANSI, '').replaceAll('\r', '');
  }

  type(keys: string): void {
    this.child.stdin.write(keys);
  }

  /** Waits until the screen shows `pattern` (vitest's test timeout bounds the wait). */
  async waitFor(pattern: RegExp | ((screen: string) => boolean)): Promise<string> {
    const matches = typeof pattern === 'function' ? pattern : (screen: string) => pattern.test(screen);
    while (!matches(this.screen)) await new Promise((resolve) => setTimeout(resolve, 50));
    return this.screen;
  }

  kill(): void {
    if (this.child.exitCode === null) this.child.kill();
  }
}

const count = (text: string, part: string) => text.split(part).length - 1;

describe('interactive session in a terminal', () => {
  let fake: FakeOpenAI;
  let session: PtySession | undefined;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(async () => {
    session?.kill();
    await fake.close();
  });

  it('streams a reply, stops it on Ctrl-C keeping the partial text, and goes on until /quit', async () => {
    const words = Array.from({ length: 40 }, (_, i) => `word${i + 1}`);
    fake.enqueue({ reply: words.join(' '), delayMs: 150 });
    fake.enqueue({ reply: 'Second answer done.' });
    session = new PtySession(['--model', 'gpt-4o-mini'], cliEnv({ OPENAI_API_KEY: 'test', OPENAI_BASE_URL: fake.url }));

    await session.waitFor(/you> $/);
    session.type('Tell me a long story\r');
    // Streaming: the first words are on screen while the rest are still to come.
    await session.waitFor(/word3\b/);
    expect(session.screen).not.toContain('word40');

    session.type('\x03');
    const afterStop = await session.waitFor((screen) => count(screen, 'you> ') === 2);
    expect(afterStop).toContain('stopped, partial reply kept');
    expect(afterStop).not.toContain('word40');

    session.type('And then?\r');
    await session.waitFor(/Second answer done\./);
    // The stopped reply stayed in the history: the next request carried its partial text.
    const history = (fake.requests[1]!.body as { messages: { role: string; content: string }[] }).messages;
    const partial = history.find((message) => message.role === 'assistant')!.content;
    expect(partial.startsWith('word1 word2 word3')).toBe(true);
    expect(partial).not.toContain('word40');

    await session.waitFor((screen) => count(screen, 'you> ') === 3);
    session.type('/quit\r');
    expect((await session.exited).code).toBe(0);
  });

  it('quits on Ctrl-C at an empty prompt', async () => {
    session = new PtySession([], cliEnv());
    await session.waitFor(/you> $/);
    session.type('\x03');
    expect((await session.exited).code).toBe(0);
  });
});
