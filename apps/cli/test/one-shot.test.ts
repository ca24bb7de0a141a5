import { startFakeOpenAI, type FakeOpenAI } from '@lumi/fake-openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cliEnv, runCli, type SentBody } from './cli-process';

describe('one-shot mode', () => {
  let fake: FakeOpenAI;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    env = cliEnv({ OPENAI_API_KEY: 'test', OPENAI_BASE_URL: fake.url });
  });
  beforeEach(() => fake.reset());
  afterAll(() => fake.close());

  it('answers a question given as arguments with only the reply on stdout, sending model, persona and reply cap', async () => {
    fake.enqueue({ reply: 'Seven times eight is 56.' });
    const run = await runCli(
      ['--model', 'gpt-4o', '--max-tokens', '77', '--system', 'a patient pirate', 'What', 'is', '7 x 8?'],
      { env },
    );

    expect(run.code).toBe(0);
    expect(run.stdout).toBe('Seven times eight is 56.\n');
    const body = fake.requests[0]!.body as SentBody;
    expect(body.model).toBe('gpt-4o');
    expect(body.max_tokens).toBe(77);
    expect(body.messages[0]!.role).toBe('system');
    expect(body.messages[0]!.content).toContain('a patient pirate');
    expect(body.messages.at(-1)).toEqual({ role: 'user', content: 'What is 7 x 8?' });
  });

  it('reads the question from piped stdin', async () => {
    fake.enqueue({ reply: 'Photosynthesis turns light into sugar.' });
    const run = await runCli(['-m', 'gpt-4.1-mini', '-t', '40', '-s', 'a botanist'], {
      env,
      input: 'What is photosynthesis?\n',
    });

    expect(run.code).toBe(0);
    expect(run.stdout).toBe('Photosynthesis turns light into sugar.\n');
    const body = fake.requests[0]!.body as SentBody;
    expect(body).toMatchObject({ model: 'gpt-4.1-mini', max_tokens: 40 });
    expect(body.messages[0]!.content).toContain('a botanist');
    expect(body.messages.at(-1)).toEqual({ role: 'user', content: 'What is photosynthesis?' });
  });

  it('fails with one line on stderr and a non-zero code when the provider refuses', async () => {
    fake.enqueue({ fault: 'bad_key' });
    const run = await runCli(['Hello?'], { env });

    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      'The tutor is not set up correctly right now. Please tell your teacher.',
    ]);
  });

  it('rejects a reply cap above the model limit before sending anything', async () => {
    const run = await runCli(['--model', 'gpt-3.5-turbo', '--max-tokens', '100000', 'Hi'], { env });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain("gpt-3.5-turbo's reply limit of 4096");
    expect(fake.requests).toHaveLength(0);
  });
});

describe('offline demo tutor', () => {
  it('answers without any key and says it is the offline demo', async () => {
    const run = await runCli(['What is 12 + 30?']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('42');
    expect(run.stderr).toMatch(/offline demo tutor/);
    expect(run.stderr).toContain('OPENAI_API_KEY');
  });

  it('prints usage for --help', async () => {
    const run = await runCli(['--help']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('--max-tokens');
    expect(run.stdout).toContain('--model');
  });
});
