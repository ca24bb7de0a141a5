import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSystemPrompt, costMicros, countChatTokens, countMessageTokens, loadCatalog } from '@lumi/chat-core';
import { startFakeOpenAI, type FakeOpenAI } from '@lumi/fake-openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, runCli, type SentBody } from './cli-process';

describe('interactive session driven through piped stdin', () => {
  let fake: FakeOpenAI;
  let dir: string;

  beforeAll(async () => {
    fake = await startFakeOpenAI();
    dir = await mkdtemp(path.join(tmpdir(), 'lumi-cli-'));
  });
  afterAll(async () => {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs commands and two turns, sends the first turn as history, and saves both', async () => {
    fake.enqueue({ reply: 'A fraction is a part of a whole.' });
    fake.enqueue({ reply: 'One half is bigger than one third.' });
    const transcript = path.join(dir, 'chat.md');
    const script = [
      '/max 50',
      '/mode maths',
      '/model',
      'What is a fraction?',
      '/tokens',
      'Which is bigger, 1/2 or 1/3?',
      `/save ${transcript}`,
      '/quit',
      '',
    ].join('\n');

    const run = await runCli(['--interactive', '--model', 'gpt-4o-mini'], {
      env: cliEnv({ OPENAI_API_KEY: 'test', OPENAI_BASE_URL: fake.url }),
      input: script,
    });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Reply cap: 50 tokens.');
    // /model lists the catalog with windows and prices, marking the current model.
    expect(run.stdout).toMatch(/\* gpt-4o-mini\s+128,000\s+16,384\s+\$0\.15 \/ \$0\.6/);
    expect(run.stdout).toMatch(/ gpt-4\.1\s+1,047,576/);
    expect(run.stdout).toContain('A fraction is a part of a whole.');
    expect(run.stdout).toContain('One half is bigger than one third.');

    expect(fake.requests).toHaveLength(2);
    const second = fake.requests[1]!.body as SentBody;
    expect(second.max_tokens).toBe(50);
    expect(second.messages[0]).toMatchObject({ role: 'system', content: expect.stringContaining('a maths tutor') });
    expect(second.messages.slice(1)).toEqual([
      { role: 'user', content: 'What is a fraction?' },
      { role: 'assistant', content: 'A fraction is a part of a whole.' },
      { role: 'user', content: 'Which is bigger, 1/2 or 1/3?' },
    ]);

    // /tokens between the turns reported exactly what the second request then sent, minus the new question.
    const newQuestion = countMessageTokens({ role: 'user', content: 'Which is bigger, 1/2 or 1/3?' }, 'gpt-4o-mini');
    const expectedPrompt = fake.requests[1]!.usage!.prompt_tokens - newQuestion;
    expect(run.stdout).toContain(`3 messages, ${expectedPrompt} prompt tokens, reply cap 50 tokens`);
    expect(run.stdout).toContain('older turns left out: 0');
    const worstCase = costMicros(
      { promptTokens: expectedPrompt, completionTokens: 50, cachedTokens: 0 },
      loadCatalog({ env: {} }).require('gpt-4o-mini'),
    );
    const shownDollars = /worst-case cost: \$([\d.]+)/.exec(run.stdout)?.[1];
    expect(Math.round(Number(shownDollars) * 1_000_000)).toBe(worstCase);

    const saved = await readFile(transcript, 'utf8');
    expect(saved).toContain('What is a fraction?');
    expect(saved).toContain('A fraction is a part of a whole.');
    expect(saved).toContain('Which is bigger, 1/2 or 1/3?');
    expect(saved).toContain('One half is bigger than one third.');
  });

  it('leaves older turns out of a request that would overflow the window, says so, and keeps them for a larger model', async () => {
    fake.reset();
    fake.setDefault({ reply: 'Noted.' });
    const first = 'Please remember that my favourite volcano is Mount Etna in Sicily, which erupts quite often.';
    const second = 'Why?';
    const replyCap = 20;
    // A window that holds exactly the system prompt, the long first question and the reply cap: with the second
    // question added, the first one no longer fits.
    const window =
      countChatTokens(
        [
          { role: 'system', content: buildSystemPrompt({ mode: 'GENERAL' }) },
          { role: 'user', content: first },
        ],
        'gpt-4o-mini',
      ) + replyCap;
    const catalogFile = path.join(dir, 'catalog.json');
    await writeFile(catalogFile, JSON.stringify({ models: [{ id: 'tiny', contextWindow: window, maxOutput: 100 }] }));
    const script = [first, second, '/model gpt-4o-mini', '/tokens', '/quit', ''].join('\n');

    const run = await runCli(['-i', '--model', 'tiny', '--max-tokens', String(replyCap)], {
      env: cliEnv({ OPENAI_API_KEY: 'test', OPENAI_BASE_URL: fake.url, LUMI_MODEL_CATALOG: catalogFile }),
      input: script,
    });

    expect(run.code).toBe(0);
    const sent = fake.requests[1]!.body as SentBody;
    expect(sent.messages.slice(1)).toEqual([
      { role: 'assistant', content: 'Noted.' },
      { role: 'user', content: second },
    ]);
    expect(run.stdout).toContain("1 older turn left out of this request to fit tiny's window");
    // The whole history stayed in memory: on a model with room, nothing is left out.
    expect(run.stdout).toContain('older turns left out: 0');
    expect(run.stdout).toContain('5 messages,');
  });

  it('prints the student message for a failed turn and carries on', async () => {
    fake.reset();
    fake.enqueue({ fault: 'quota' });
    fake.enqueue({ reply: 'Still here.' });
    const script = ['First try', 'Second try', '/quit', ''].join('\n');

    const run = await runCli(['-i'], {
      env: cliEnv({ OPENAI_API_KEY: 'test', OPENAI_BASE_URL: fake.url }),
      input: script,
    });

    expect(run.code).toBe(0);
    expect(run.stderr).toContain('The tutor has used up its allowance for now.');
    expect(run.stdout).toContain('Still here.');
    // The failed question left no half-turn behind: the second request holds only the second question.
    const second = fake.requests[1]!.body as SentBody;
    expect(second.messages.slice(1)).toEqual([{ role: 'user', content: 'Second try' }]);
  });
});
