import { expect, test, type Page, type Response } from '@playwright/test';
import { SEED } from './fixtures';
import { scriptNextReply, sendMessage, signUpStudent, startSession, tutorReplies } from './helpers';
import { BALANCED, nodes, pinTo } from './topology';

// Two nodes behind nginx, round robin, no sticky sessions: whichever node a request lands on, the student sees
// one conversation. Each answer names its node (X-Lumi-Node), and a test pins requests to one node to be sure.
test.skip(!BALANCED, 'needs two nodes behind nginx: npm test runs them where nginx is installed (E2E_TOPOLOGY)');

const longReply = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
const servedBy = (response: Response) => response.headers()['x-lumi-node'];
const isSend = (response: Response) =>
  new URL(response.url()).pathname === '/api/chat' && response.request().method() === 'POST';
const isFollow = (response: Response) => /^\/api\/chat\/[^/]+\/stream$/.test(new URL(response.url()).pathname);

async function startSlowReplyOn(page: Page, node: number) {
  await signUpStudent(page, SEED.joinCode);
  await startSession(page);
  await pinTo(page.context(), node);
  await scriptNextReply({ reply: longReply, delayMs: 100 });
  const sent = page.waitForResponse(isSend);
  await sendMessage(page, 'Count slowly for me');
  expect(servedBy(await sent)).toBe(`127.0.0.1:${node}`);
  await expect(tutorReplies(page).last()).toContainText('word3');
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
