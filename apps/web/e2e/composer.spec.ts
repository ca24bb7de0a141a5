import { expect, test, type Page } from '@playwright/test';
import { SEED } from './fixtures';
import { scriptNextReply, sendMessage, signUpStudent, snap, startSession, tutorReplies } from './helpers';

// After a failed turn the message box holds the student's text only when the server never stored it: a stored
// message is shown in the conversation, and Enter must not store it a second time (budget refusals, which store
// nothing, are checked in chat.spec.ts).

const box = (page: Page) => page.getByRole('textbox', { name: 'Your message' });
const sentMessages = (page: Page) => page.locator('li[data-role="USER"]');
const retryAlert = (page: Page) =>
  page.getByRole('alert').filter({ has: page.getByRole('button', { name: 'Try again' }) });

test('a reply cut off mid-stream keeps the stored message out of the box, so Enter cannot send it twice', async ({
  page,
}) => {
  await signUpStudent(page, SEED.joinCode);
  await startSession(page);
  const words = Array.from({ length: 30 }, (_, i) => `tide${i}`).join(' ');
  await scriptNextReply({ reply: words, fault: 'drop_mid_stream', afterChunks: 3 });
  await sendMessage(page, 'Explain the tides');
  await expect(retryAlert(page)).toBeVisible();
  await expect(tutorReplies(page).last()).toContainText('tide1');
  await expect(sentMessages(page)).toHaveCount(1);
  await expect(box(page)).toHaveValue('');
  await snap(page, 'reply-cut-off');

  await box(page).press('Enter');
  await retryAlert(page).getByRole('button', { name: 'Try again' }).click();
  await expect(tutorReplies(page).last()).toHaveAttribute('data-status', 'COMPLETE');
  await page.reload();
  await expect(tutorReplies(page).last()).toHaveAttribute('data-status', 'COMPLETE');
  await expect(sentMessages(page)).toHaveCount(1);
  await expect(sentMessages(page)).toHaveText(/Explain the tides/);
});

test('a message the server refused before storing it comes back into the box, and sends once when fixed', async ({
  page,
}) => {
  await signUpStudent(page, SEED.joinCode);
  await startSession(page);
  const tooLong = `Please read this: ${'a'.repeat(20_000)}`;
  await box(page).fill(tooLong);
  await box(page).press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'too long' })).toBeVisible();
  await expect(box(page)).toHaveValue(tooLong);
  await expect(sentMessages(page)).toHaveCount(0);
  await snap(page, 'message-refused-before-storing');

  await box(page).fill('Please read this: a short version');
  await box(page).press('Enter');
  await expect(tutorReplies(page).last()).toHaveAttribute('data-status', 'COMPLETE');
  await expect(sentMessages(page)).toHaveCount(1);
  await expect(box(page)).toHaveValue('');
});

test('when the connection drops and nobody can tell whether the message was stored, sending it again stores it once', async ({
  page,
}) => {
  await signUpStudent(page, SEED.joinCode);
  await startSession(page);
  // The server stores the message and answers, but the browser never hears back, nor can it re-read the session.
  let offline = true;
  await page.route('**/api/chat', async (route) => {
    if (!offline) return route.continue();
    await route.fetch();
    await route.abort('connectionreset');
  });
  await page.route(/\/api\/trpc\/.*conversations\.get/, (route) => (offline ? route.abort() : route.continue()));
  await sendMessage(page, 'Did this arrive?');
  await expect(box(page)).toHaveValue('Did this arrive?');
  await expect(page.getByRole('alert').filter({ hasText: 'connection' })).toBeVisible();
  await snap(page, 'connection-lost');

  offline = false;
  await box(page).press('Enter');
  await expect(tutorReplies(page).last()).toHaveAttribute('data-status', 'COMPLETE');
  await expect(box(page)).toHaveValue('');
  await page.reload();
  await expect(tutorReplies(page)).toHaveCount(1);
  await expect(sentMessages(page)).toHaveCount(1);
});
