import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { SEED } from './fixtures';
import { sendMessage, signUpStudent, snap, startSession, tutorReplies } from './helpers';

async function exportMarkdown(page: Page, button: string) {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: button }).click();
  return readFile(await (await download).path(), 'utf8');
}

test('on a phone, “Start a new session” is the first thing on the student’s home page', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signUpStudent(page, SEED.joinCode);
  await expect(page.getByRole('heading', { name: 'Start a new session' })).toBeInViewport();
  await expect(page.getByRole('button', { name: 'Start session' })).toBeInViewport();
  await snap(page, 'phone-home-start-first');
});

test('at 1280 px the session list shows whole titles, with Rename and Delete on hover and keyboard focus', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await signUpStudent(page, SEED.joinCode);
  await startSession(page);
  const sessions = page.getByRole('navigation', { name: 'Sessions' });
  const row = sessions.getByRole('listitem').first();
  await row.hover();
  await sessions.getByRole('button', { name: 'Rename “New session”' }).click();
  await sessions.getByLabel('Session title').fill('Quadratic equations revision');
  await sessions.getByLabel('Session title').press('Enter');

  const title = row.getByTestId('session-title');
  await expect(title).toHaveText('Quadratic equations revision');
  // Not cut short: the whole title fits in its line.
  expect(await title.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

  await page.mouse.move(900, 400);
  const rename = sessions.getByRole('button', { name: 'Rename “Quadratic equations revision”' });
  const remove = sessions.getByRole('button', { name: 'Delete “Quadratic equations revision”' });
  // The buttons' row: see-through until the pointer is over the row or the keyboard is in it.
  const actions = rename.locator('..');
  await expect(actions).toHaveCSS('opacity', '0');
  await row.getByRole('link').focus();
  await expect(actions).toHaveCSS('opacity', '1');
  await page.keyboard.press('Tab');
  await expect(rename).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(remove).toBeFocused();
  await snap(page, 'session-row-actions-focus');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(sessions.getByLabel('Session title')).toBeFocused();
});

test('the Markdown export names the session’s mode as the screen does, in the screen’s language', async ({ page }) => {
  await signUpStudent(page, SEED.joinCode);
  await startSession(page, 'Maths');
  await sendMessage(page, 'What is a prime number?');
  await expect(tutorReplies(page).last()).toHaveAttribute('data-status', 'COMPLETE');

  const english = await exportMarkdown(page, 'Markdown');
  expect(english).toContain('Mode: Maths · Model: gpt-4o-mini');
  expect(english).toContain('## You');
  expect(english).not.toContain('MATHS');

  await page.getByLabel('Language').first().selectOption('zh');
  await expect(page.getByRole('textbox', { name: '你的消息' })).toBeVisible();
  const chinese = await exportMarkdown(page, 'Markdown');
  expect(chinese).toContain('模式: 数学 · 模型: gpt-4o-mini');
  expect(chinese).toContain('## 你');
});

test('Translation asks which languages, keeps them with the session and tells the tutor', async ({ page }) => {
  await signUpStudent(page, SEED.joinCode);
  await page.getByRole('combobox', { name: 'Mode', exact: true }).selectOption({ label: 'Translation' });
  const languages = page.getByRole('group', { name: 'Languages' });
  await expect(languages.getByRole('combobox', { name: 'Translate from' })).toHaveValue('en');
  const into = languages.getByRole('combobox', { name: 'Translate into' });
  await expect(into).toHaveValue('');
  await page.getByRole('button', { name: 'Start session' }).click();
  await expect(languages.getByText('Choose two different languages.')).toBeVisible();
  await expect(into).toHaveAttribute('aria-invalid', 'true');
  await snap(page, 'translation-languages-needed');

  await into.selectOption({ label: 'French' });
  await page.getByRole('button', { name: 'Start session' }).click();
  await expect(page).toHaveURL(/\/chat\/[^/]+$/);
  await expect(page.getByTestId('session-languages')).toHaveText('English → French');
  await expect(page.getByText('Ask your tutor anything to begin.')).toBeVisible();
  await sendMessage(page, 'Good morning, teacher.');
  await expect(tutorReplies(page).last()).toHaveAttribute('data-status', 'COMPLETE');
  const requests = (await (await fetch(`${process.env.E2E_FAKE_OPENAI_URL}/__control/requests`)).json()) as Array<{
    path: string;
    body: { messages?: Array<{ content: string }> };
  }>;
  const turn = requests.filter((r) => r.path.endsWith('/chat/completions')).at(-1)!;
  expect(turn.body.messages?.[0]?.content).toContain('from English into French');
});
