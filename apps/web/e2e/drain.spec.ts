import { once } from 'node:events';
import { expect, test } from '@playwright/test';
import { SEED } from './fixtures';
import { scriptNextReply, sendMessage, signUpStudent, startSession, tutorReplies } from './helpers';
import { startExtraNode } from './standalone';
import { e2ePort } from './ports';

// A node told to stop (SIGTERM: docker stop, a deploy) takes no new students but lets the reply it is writing end:
// readiness says it is draining, a new send is refused with a code the browser sends again on, and the process
// exits once the reply is saved and sent. Its own node, so stopping it leaves the suite's nodes alone.
const port = e2ePort('drain');
const node = `http://127.0.0.1:${port}`;
// Twelve seconds of words: the checks made while it runs take a fraction of that, however loaded the machine.
const longReply = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');

test.use({ baseURL: node });

test('a stopping node refuses new sends and says it is draining, finishes the reply in flight, then exits', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { stop, server } = await startExtraNode(
    () => ({
      OPENAI_BASE_URL: `${process.env.E2E_FAKE_OPENAI_URL}/v1`,
      // Far longer than the reply: the node must exit because the reply ended, not because time ran out.
      LUMI_DRAIN_MS: '600000',
    }),
    port,
  );
  try {
    await signUpStudent(page, SEED.joinCode);
    await startSession(page);
    const conversationId = new URL(page.url()).pathname.split('/').at(-1)!;
    await scriptNextReply({ reply: longReply, delayMs: 100 });
    const sent = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/chat');
    await sendMessage(page, 'Count slowly for me');
    await expect(tutorReplies(page).last()).toContainText('word3');

    const exited = once(server, 'exit');
    server.kill('SIGTERM');
    await expect
      .poll(async () => (await page.request.get('/api/health/ready')).status(), { timeout: 10_000 })
      .toBe(503);
    const ready = await page.request.get('/api/health/ready');
    expect((await ready.json()) as { reason: string }).toMatchObject({ reason: expect.stringMatching(/^draining/) });

    const refused = await page.request.post('/api/chat', {
      data: { kind: 'send', conversationId, clientId: crypto.randomUUID(), content: 'One more question' },
    });
    expect(refused.status()).toBe(503);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('DRAINING');

    // The reply in flight reached the student to its end, then the node exited on its own.
    const stream = await (await sent).text();
    expect(stream).toContain(`${longReply.split(' ').at(-1)}`);
    expect(stream).toContain('"type":"done","status":"COMPLETE"');
    const [code] = (await exited) as [number | null];
    expect(code).toBe(0);
  } finally {
    stop();
  }
});
