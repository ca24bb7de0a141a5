import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { SEED } from './fixtures';
import {
  scriptNextReply,
  sendMessage,
  signUpApprovedTeacher,
  signUpStudent,
  snap,
  startSession,
  tutorReplies,
} from './helpers';

test('retry, edit and resend, and export a session', async ({ page }) => {
  await signUpStudent(page, SEED.joinCode);
  await startSession(page);
  await sendMessage(page, 'first question');
  await expect(tutorReplies(page)).toHaveCount(1);
  await expect(tutorReplies(page).last()).toHaveAttribute('data-status', 'COMPLETE');

  await tutorReplies(page).last().getByRole('button', { name: 'Retry' }).click();
  await expect(tutorReplies(page)).toHaveCount(1);
  await expect(tutorReplies(page).last()).toContainText('You said: "first question"');

  await page.locator('li[data-role="USER"]').last().getByRole('button', { name: 'Edit' }).click();
  const box = page.getByRole('textbox', { name: 'Your message' });
  await expect(box).toHaveValue('first question');
  await box.fill('second question');
  await box.press('Enter');
  await expect(page.locator('li[data-role="USER"]')).toHaveCount(1);
  await expect(page.locator('li[data-role="USER"]')).toContainText('second question');
  await expect(tutorReplies(page).last()).toContainText('You said: "second question"');
  await expect(tutorReplies(page).last()).toHaveAttribute('data-status', 'COMPLETE');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Markdown' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.md$/);
  expect(await readFile(await file.path(), 'utf8')).toContain('second question');
});

test('a failed reply shows the error and a retry that works', async ({ page }) => {
  await signUpStudent(page, SEED.joinCode);
  await startSession(page);
  await scriptNextReply({ fault: 'bad_key' });
  await sendMessage(page, 'will this fail?');
  const alert = page.getByRole('alert').filter({ has: page.getByRole('button', { name: 'Try again' }) });
  await expect(alert).toBeVisible();
  await snap(page, 'upstream-error');
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(tutorReplies(page).last()).toContainText('You said: "will this fail?"');
  await expect(tutorReplies(page).last()).toHaveAttribute('data-status', 'COMPLETE');
  await expect(alert).toBeHidden();
  await expect(page.getByRole('textbox', { name: 'Your message' })).toHaveValue('');
});

test('on a phone-size screen the chat is usable', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signUpStudent(page, SEED.joinCode);
  await snap(page, 'phone-home');
  await startSession(page);
  await sendMessage(page, 'hello from a phone');
  await expect(tutorReplies(page).last()).toHaveAttribute('data-status', 'COMPLETE');
  await snap(page, 'phone-chat');
  await page.getByRole('button', { name: /Sessions/ }).click();
  await expect(page.getByRole('navigation', { name: 'Sessions' })).toBeVisible();
});

test('a teacher creates a class and sees its join code', async ({ page }) => {
  await signUpApprovedTeacher(page, 'Mr Chen', `teacher-${Date.now()}@e2e.lumi.test`);
  await expect(page.getByText('No classes yet.')).toBeVisible();
  await page.getByLabel('Class name').fill('Chemistry 10B');
  await page.getByLabel('Daily tokens per student').fill('30000');
  await page.getByRole('button', { name: 'Create class' }).click();
  await expect(page.getByText('Chemistry 10B')).toBeVisible();
  await expect(page.getByTestId('join-code')).toHaveText(/^[A-Z0-9]{4,12}$/);
  await snap(page, 'teacher');
});

test('sessions can be searched, renamed and deleted', async ({ page }) => {
  await signUpStudent(page, SEED.joinCode);
  await startSession(page);
  await sendMessage(page, 'photosynthesis basics');
  await expect(tutorReplies(page).last()).toHaveAttribute('data-status', 'COMPLETE');
  const sessions = page.getByRole('navigation', { name: 'Sessions' });

  // Rename and Delete show when the pointer is over the row (or the keyboard is in it).
  await sessions.getByRole('listitem').first().hover();
  await sessions.getByRole('button', { name: 'Rename' }).first().click();
  await sessions.getByLabel('Session title').fill('Biology revision');
  await sessions.getByLabel('Session title').press('Enter');
  await expect(sessions.getByRole('link', { name: /Biology revision/ })).toBeVisible();

  await sessions.getByLabel('Search sessions').fill('photosynthesis');
  await expect(sessions.getByRole('link', { name: /Biology revision/ })).toBeVisible();
  await sessions.getByLabel('Search sessions').fill('volcanoes');
  await expect(sessions.getByText('No sessions match.')).toBeVisible();
  await sessions.getByLabel('Search sessions').fill('');

  page.once('dialog', (dialog) => void dialog.accept());
  await sessions.getByRole('listitem').first().hover();
  await sessions.getByRole('button', { name: 'Delete' }).first().click();
  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByText('No sessions yet. Start one above.')).toBeVisible();
});

test('a student picks one of the class’s models, and the tutor answers with it', async ({ page }) => {
  await signUpStudent(page, SEED.joinCode);
  const picker = page.getByRole('combobox', { name: 'Model', exact: true });
  await expect(picker).toHaveValue('gpt-4o-mini');
  await picker.selectOption('gpt-4.1');
  await page.getByRole('button', { name: 'Start session' }).click();
  await expect(page).toHaveURL(/\/chat\/[^/]+$/);
  // The session has loaded (an Enter before that is dropped; see startSession).
  await expect(page.getByText('Ask your tutor anything to begin.')).toBeVisible();
  await scriptNextReply({ reply: 'Answered by the model you chose.' });
  await sendMessage(page, 'Which model are you?');
  await expect(tutorReplies(page).last()).toHaveAttribute('data-status', 'COMPLETE');

  const requests = (await (await fetch(`${process.env.E2E_FAKE_OPENAI_URL}/__control/requests`)).json()) as Array<{
    path: string;
    body: { model?: string; messages?: Array<{ content: string }> };
  }>;
  const turn = requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!;
  expect(turn.body.model).toBe('gpt-4.1');
  expect(turn.body.messages?.at(-1)?.content).toBe('Which model are you?');
});
