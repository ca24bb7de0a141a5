import { expect, test } from '@playwright/test';
import { SEED } from './fixtures';
import {
  PASSWORD,
  redactMessages,
  scriptNextReply,
  sendMessage,
  signUpStudent,
  snap,
  startSession,
  tutorReplies,
} from './helpers';

const longReply = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');

test('a student signs up with a join code, starts a session and sees a streamed reply', async ({ page }) => {
  await signUpStudent(page, SEED.joinCode);
  await expect(page.getByRole('heading', { name: 'Welcome, Ada Student' })).toBeVisible();
  // The class's name as the page shows it (the new-session form's class picker holds it too).
  await expect(page.getByText(SEED.className).locator('visible=true').first()).toBeVisible();
  await expect(page.getByText(/tokens left/).first()).toBeVisible();
  await snap(page, 'home');

  await startSession(page, 'Maths');
  await scriptNextReply({
    reply: 'Sure! Here is maths: $a^2 + b^2 = c^2$ and code:\n\n```js\nconst x = 1;\n```',
    delayMs: 20,
  });
  await sendMessage(page, 'Explain Pythagoras');
  await expect(page.locator('li[data-role="USER"]')).toHaveText(/Explain Pythagoras/);
  const reply = tutorReplies(page).last();
  await expect(reply).toHaveAttribute('data-status', 'COMPLETE');
  await expect(reply.locator('.katex')).toBeVisible();
  await expect(reply.locator('code.hljs')).toContainText('const x = 1;');
  await expect(page.getByTestId('usage-meter')).not.toContainText(/^0 tokens/);
  await expect(page.getByRole('textbox', { name: 'Your message' })).toHaveValue('');
  await snap(page, 'chat-reply');

  // Back home, the usage chart shows today's tokens as a bar.
  await page.goto('/home');
  await expect(page.getByRole('heading', { name: 'Your tokens, last 14 days' })).toBeVisible();
  await expect(page.locator('.recharts-bar-rectangle path').first()).toBeVisible();
  await expect(page.getByText(/tokens used in the last 14 days/)).toBeAttached();
  await snap(page, 'home-usage');
});

test('stopping a slow reply keeps the partial text, marked as stopped', async ({ page }) => {
  await signUpStudent(page, SEED.joinCode);
  await startSession(page);
  await scriptNextReply({ reply: longReply, delayMs: 150 });
  await sendMessage(page, 'Tell me a long story');
  const reply = tutorReplies(page).last();
  await expect(reply).toContainText('word3');
  await page.getByRole('button', { name: 'Stop' }).click();
  await expect(reply).toHaveAttribute('data-status', 'STOPPED');
  await expect(reply).toContainText('Stopped');
  await expect(reply).not.toContainText('word39');
  await snap(page, 'stopped');

  await page.reload();
  const kept = tutorReplies(page).last();
  await expect(kept).toHaveAttribute('data-status', 'STOPPED');
  await expect(kept).toContainText('word3');
});

test('reloading mid-stream resumes the reply until it completes', async ({ page }) => {
  await signUpStudent(page, SEED.joinCode);
  await startSession(page);
  await scriptNextReply({ reply: longReply, delayMs: 80 });
  await sendMessage(page, 'Count for me');
  await expect(tutorReplies(page).last()).toContainText('word2');
  await page.reload();
  const reply = tutorReplies(page).last();
  await expect(reply).toContainText('word39', { timeout: 15_000 });
  await expect(reply).toHaveAttribute('data-status', 'COMPLETE');
  await snap(page, 'resumed');
});

test('the interface switches to Chinese and remembers it', async ({ page }) => {
  const email = await signUpStudent(page, SEED.joinCode);
  await page.getByLabel('Language').first().selectOption('zh');
  await expect(page.getByRole('heading', { name: '欢迎，Ada Student' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('heading', { name: '开始新会话' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await snap(page, 'chinese');

  // On a new device (no cookie) the language saved on the account applies after signing in.
  await page.context().clearCookies();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: '欢迎，Ada Student' })).toBeVisible();
});

test('a budget too small for any reply says so and how much is left, stores nothing and keeps the message in the box', async ({
  page,
}) => {
  await signUpStudent(page, SEED.tinyJoinCode);
  await startSession(page);
  await sendMessage(page, 'Help me with homework');
  // Next's route announcer is an alert too: pick ours by its text.
  const alert = page.getByRole('alert').filter({ hasText: 'budget' });
  await expect(alert).toContainText('Too little of today’s tutoring budget is left for a reply to this message.');
  await expect(alert).toContainText('10 tokens left today.');
  await expect(alert).toContainText(/Resets at \d{2}:\d{2}/);
  // Nothing was stored: no message, no failed reply, and the text is back in the box to send later.
  const box = page.getByRole('textbox', { name: 'Your message' });
  await expect(box).toHaveValue('Help me with homework');
  await expect(page.locator('li[data-role="USER"]')).toHaveCount(0);
  await expect(tutorReplies(page)).toHaveCount(0);
  await snap(page, 'budget');
  await page.reload();
  await expect(page.getByText('Ask your tutor anything to begin.')).toBeVisible();
  await expect(page.locator('li[data-role]')).toHaveCount(0);
});

test('a small budget answers with a short reply and says so, then refuses what it cannot hold without a failed reply', async ({
  page,
}) => {
  await signUpStudent(page, SEED.smallJoinCode);
  await startSession(page);
  await sendMessage(page, 'One question');
  await expect(tutorReplies(page).last()).toHaveAttribute('data-status', 'COMPLETE');
  await expect(page.getByRole('note')).toContainText(/this reply can be at most \d+ tokens and may be short/);
  await snap(page, 'budget-short-reply');

  // The first turn spent about half of the 400 tokens; the next prompt (with the history) leaves no room to reply.
  await sendMessage(page, 'Another question about the same thing');
  const alert = page.getByRole('alert').filter({ hasText: 'budget' });
  await expect(alert).toContainText('Too little of today’s tutoring budget is left for a reply to this message.');
  await expect(alert).toContainText(/\d+ tokens left today\./);
  await expect(page.getByRole('textbox', { name: 'Your message' })).toHaveValue(
    'Another question about the same thing',
  );
  await expect(page.locator('li[data-role="USER"]')).toHaveCount(1);
  await expect(tutorReplies(page)).toHaveCount(1);
  await expect(tutorReplies(page).last()).toHaveAttribute('data-status', 'COMPLETE');
  await snap(page, 'budget-too-small');
});

test('a reply cut at its token cap says so and offers Continue, which asks the tutor to go on', async ({ page }) => {
  await signUpStudent(page, SEED.joinCode);
  await startSession(page);
  // Longer than the reply's cap (1,024 tokens): Lumi cuts it there, finishReason "length".
  await scriptNextReply({ reply: 'wave '.repeat(1_500), chunkSize: 4_000 });
  await sendMessage(page, 'Tell me everything about waves');
  const cut = tutorReplies(page).last();
  await expect(cut).toHaveAttribute('data-status', 'COMPLETE');
  await expect(cut.getByRole('note')).toHaveText('The reply reached its length limit, so it may stop mid-sentence.');
  await snap(page, 'reply-length-limit');

  await scriptNextReply({ reply: 'And that is the end of waves.' });
  await cut.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('li[data-role="USER"]').last()).toHaveText(/Please continue where you stopped\./);
  await expect(tutorReplies(page).last()).toContainText('And that is the end of waves.');
  await expect(tutorReplies(page).last()).toHaveAttribute('data-status', 'COMPLETE');
  await expect(page.getByRole('button', { name: 'Continue' })).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Your message' })).toHaveValue('');

  // As stored: the cut reply keeps its note after a reload; Continue belongs to the last reply only.
  await page.reload();
  await expect(tutorReplies(page)).toHaveCount(2);
  await expect(tutorReplies(page).first().getByRole('note')).toContainText('reached its length limit');
  await expect(page.getByRole('button', { name: 'Continue' })).toHaveCount(0);
});

test('a reply the safety check stopped, and messages the retention policy emptied, say so instead of nothing', async ({
  page,
}) => {
  const email = await signUpStudent(page, SEED.joinCode);
  await startSession(page);
  await sendMessage(page, 'I want to hurt myself');
  const refusal = tutorReplies(page).last();
  await expect(refusal).toHaveAttribute('data-status', 'COMPLETE');
  await expect(refusal).toContainText('talk to a teacher');
  await expect(refusal.getByRole('note')).toHaveText('A safety check stopped this reply.');
  await snap(page, 'reply-refused');

  redactMessages(email);
  await page.reload();
  const removed = 'The text of this message was removed under your school’s retention policy.';
  await expect(page.locator('li[data-role="USER"]').getByText(removed)).toBeVisible();
  await expect(tutorReplies(page).getByText(removed)).toBeVisible();
  await expect(page.getByText('The tutor could not reply to this message.')).toHaveCount(0);
  await snap(page, 'messages-redacted');
});
