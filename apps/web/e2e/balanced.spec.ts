import { once } from 'node:events';
import { expect, test, type Page, type Response } from '@playwright/test';
import { startNginx } from '../../../scripts/lib/topology/nginx';
import { SEED } from './fixtures';
import {
  ageStreamingReplies,
  lastStoredReply,
  scriptNextReply,
  sendMessage,
  signUpStudent,
  startSession,
  tutorReplies,
} from './helpers';
import { startExtraNode } from './standalone';
import { BALANCED, nodes, pinTo } from './topology';
import { e2ePort } from './ports';

// Two nodes behind nginx, round robin, no sticky sessions: whichever node a request lands on, the student sees
// one conversation. Each answer names its node (X-Lumi-Node), and a test pins requests to one node to be sure.
test.skip(!BALANCED, 'needs two nodes behind nginx: npm test runs them where nginx is installed (E2E_TOPOLOGY)');

const longReply = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
const servedBy = (response: Response) => response.headers()['x-lumi-node'];
const isSend = (response: Response) =>
  new URL(response.url()).pathname === '/api/chat' && response.request().method() === 'POST';
const isFollow = (response: Response) => /^\/api\/chat\/[^/]+\/stream$/.test(new URL(response.url()).pathname);

async function startSlowReplyOn(page: Page, node: number, reply = longReply) {
  const email = await signUpStudent(page, SEED.joinCode);
  await startSession(page);
  await pinTo(page.context(), node);
  await scriptNextReply({ reply, delayMs: 100 });
  const sent = page.waitForResponse(isSend);
  await sendMessage(page, 'Count slowly for me');
  expect(servedBy(await sent)).toBe(`127.0.0.1:${node}`);
  await expect(tutorReplies(page).last()).toContainText('word3');
  return email;
}

test('a reload mid-reply lands on the other node and follows the reply to its end', async ({ page }) => {
  const [a, b] = nodes() as [number, number];
  await startSlowReplyOn(page, a);

  await pinTo(page.context(), b);
  const followed = page.waitForResponse(isFollow);
  await page.reload();
  expect(servedBy(await followed)).toBe(`127.0.0.1:${b}`);
  const reply = tutorReplies(page).last();
  await expect(reply).toHaveAttribute('data-status', 'COMPLETE', { timeout: 20_000 });
  // Every word once, in order: nothing lost or repeated across the two nodes.
  await expect(reply).toContainText(longReply);
});

test('Stop asked through the other node halts the reply and keeps what was shown', async ({ page }) => {
  const [a, b] = nodes() as [number, number];
  await startSlowReplyOn(page, a);

  await pinTo(page.context(), b);
  const stopped = page.waitForResponse((r) => new URL(r.url()).pathname.startsWith('/api/trpc/chat.stop'));
  await page.getByRole('button', { name: 'Stop' }).click();
  expect(servedBy(await stopped)).toBe(`127.0.0.1:${b}`);
  const reply = tutorReplies(page).last();
  await expect(reply).toHaveAttribute('data-status', 'STOPPED');
  await expect(reply).not.toContainText('word39');
  const shown = await reply.textContent();

  // What the student saw is what was kept, whichever node answers next.
  await pinTo(page.context(), a);
  await page.reload();
  await expect(tutorReplies(page).last()).toHaveAttribute('data-status', 'STOPPED');
  const kept = (await tutorReplies(page).last().textContent()) ?? '';
  expect(kept.match(/word\d+/g)).toEqual(shown?.match(/word\d+/g));
});

test.describe('a node killed mid-reply', () => {
  // A node of its own behind a balancer of its own, beside the suite's first node: killing it leaves the suite's
  // nodes alone. Ports of their own (e2e/ports.ts).
  const victimPort = e2ePort('victim');
  const balancerPort = e2ePort('balancer');
  test.use({ baseURL: `http://127.0.0.1:${balancerPort}` });

  test('its reply is closed by a live node: the text kept, the budget given back once, charged once', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const [live] = nodes() as [number];
    const victim = await startExtraNode(
      () => ({ OPENAI_BASE_URL: `${process.env.E2E_FAKE_OPENAI_URL}/v1`, LUMI_TRUSTED_PROXY_HOPS: '1' }),
      victimPort,
    );
    const balancer = await startNginx([victimPort, live], { port: balancerPort });
    try {
      // Thirty seconds of words: the node dies long before the end, however slowly the checks below run.
      const email = await startSlowReplyOn(
        page,
        victimPort,
        Array.from({ length: 300 }, (_, i) => `word${i}`).join(' '),
      );
      // At least one of the node's writes (every second) has reached the database.
      await expect.poll(() => lastStoredReply(email).content, { timeout: 20_000 }).toMatch(/word\d/);

      const died = once(victim.server, 'exit');
      victim.server.kill('SIGKILL');
      await died;
      const kept = lastStoredReply(email);
      expect(kept.status).toBe('STREAMING');
      // Its heartbeat stops; as if the time after which a live node takes over had passed.
      ageStreamingReplies(email);

      await pinTo(page.context(), live);
      await page.reload();
      const reply = tutorReplies(page).last();
      await expect(reply).toHaveAttribute('data-status', 'ERROR', { timeout: 20_000 });
      await expect(reply).toContainText(kept.content);
      const closed = lastStoredReply(email);
      expect(closed).toMatchObject({
        status: 'ERROR',
        errorCode: 'INTERRUPTED',
        content: kept.content,
        reservedTokens: 0,
        budgetReserved: 0,
        usageRows: 1,
        // The prompt stored when the reply opened, and Lumi's count of the text the dead node saved.
        chargedPromptTokens: kept.promptTokens,
      });
      expect(closed.promptTokens).toBeGreaterThan(0);
      expect(closed.chargedCompletionTokens).toBeGreaterThan(0);
      // The student's only reply so far: the budget holds exactly that one charge.
      expect(closed.budgetUsed).toBe(closed.chargedPromptTokens + closed.chargedCompletionTokens);

      // The student carries on with the live node.
      await scriptNextReply({ reply: 'Back again.' });
      await sendMessage(page, 'Are you there?');
      await expect(tutorReplies(page).last()).toHaveAttribute('data-status', 'COMPLETE');
      await expect(tutorReplies(page).last()).toContainText('Back again.');
    } finally {
      victim.stop();
      await balancer.stop();
    }
  });
});
