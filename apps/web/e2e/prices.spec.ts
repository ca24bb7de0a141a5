import { expect, test, type Browser, type Page } from '@playwright/test';
import { SEED } from './fixtures';
import { sendMessage, signUpApprovedTeacher, signUpStudent, snap, startSession, tutorReplies } from './helpers';

async function newPage(browser: Browser, baseURL: string | undefined): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  await context.addCookies([{ name: 'lumi-lang', value: 'en', url: baseURL! }]);
  return context.newPage();
}

/** A session with one answered turn; returns the session's usage meter. */
async function answeredSession(page: Page) {
  await startSession(page);
  await sendMessage(page, 'How much did this cost?');
  await expect(tutorReplies(page).last()).toHaveAttribute('data-status', 'COMPLETE');
  const meter = page.getByTestId('usage-meter');
  await expect(meter).toContainText(/[1-9][\d,]* tokens/);
  return meter;
}

test('a student sees tokens and what is left, not prices, until the class’s teacher shows prices', async ({
  page,
  browser,
  baseURL,
}) => {
  await signUpStudent(page, SEED.joinCode);
  const picker = page.getByRole('combobox', { name: 'Model', exact: true });
  await expect(picker.locator('option', { hasText: 'GPT-4o mini' })).toHaveText('GPT-4o mini');
  await expect(page.getByText('tokens left')).not.toHaveCount(0);
  await expect(page.locator('main')).not.toContainText('$');
  const meter = await answeredSession(page);
  await expect(meter).toContainText('tokens left today');
  await expect(meter).not.toContainText('$');
  await snap(page, 'student-no-prices');

  // A teacher of a class of their own turns prices on in the class's settings.
  const teacher = await newPage(browser, baseURL);
  await signUpApprovedTeacher(teacher, 'Ms Okafor', `teacher-prices-${Date.now()}@e2e.lumi.test`);
  await teacher.getByLabel('Class name').fill('Economics 11');
  await teacher.getByRole('button', { name: 'Create class' }).click();
  const joinCode = (await teacher.getByTestId('join-code').textContent())!.trim();
  await teacher.getByRole('link', { name: 'Economics 11', exact: true }).click();
  await teacher.getByRole('link', { name: 'Settings' }).click();
  const setting = teacher.getByRole('checkbox', { name: 'Show prices to students' });
  await expect(setting).not.toBeChecked();
  // Keyboard: the setting is a plain checkbox with its explanation attached.
  await setting.focus();
  await teacher.keyboard.press('Space');
  await expect(setting).toBeChecked();
  await expect(setting).toHaveAccessibleDescription(/model prices and what each session cost/);
  await teacher.getByRole('button', { name: 'Save' }).click();
  await expect(teacher.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await snap(teacher, 'teacher-show-prices');
  await teacher.context().close();

  const pupil = await newPage(browser, baseURL);
  await signUpStudent(pupil, joinCode);
  await expect(
    pupil
      .getByRole('combobox', { name: 'Model', exact: true })
      .locator('option', { hasText: 'GPT-4o mini · $0.15 in / $0.6 out per 1M tokens' }),
  ).toBeAttached();
  const shown = await answeredSession(pupil);
  await expect(shown).toContainText(/\$0\.\d/);
  await pupil.context().close();
});
