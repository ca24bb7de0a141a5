import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { SEED } from './fixtures';
import { snap } from './helpers';

async function signInAsAdmin(page: Page, baseURL: string | undefined, lang: 'en' | 'zh' = 'en') {
  await page.context().addCookies([{ name: 'lumi-lang', value: lang, url: baseURL! }]);
  await page.goto('/sign-in');
  await page.getByLabel(lang === 'en' ? 'Email' : '电子邮箱').fill(SEED.adminEmail);
  await page.getByLabel(lang === 'en' ? 'Password' : '密码').fill(SEED.demoPassword);
  await page.getByRole('button', { name: lang === 'en' ? 'Sign in' : '登录' }).click();
  await expect(page).toHaveURL(/\/teacher$/, { timeout: 30_000 });
}

test('the admin sets how long message text is kept, runs it now, and the old text is gone', async ({
  page,
  baseURL,
}) => {
  await signInAsAdmin(page, baseURL);
  await page.getByRole('link', { name: 'School admin' }).click();
  await expect(page.getByRole('heading', { name: 'How long message text is kept' })).toBeVisible();
  await expect(page.getByTestId('retention-state')).toContainText('Message text is kept until a student is deleted.');
  await expect(page.getByRole('button', { name: 'Run now' })).toBeDisabled();

  await page.getByLabel('Remove message text after a set time').check();
  await page.getByLabel('Days to keep').fill('0');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText('Keep text at least one day.')).toBeVisible();
  // Ten years: the demo school's weeks of sessions stay, the session written eleven years ago goes.
  await page.getByLabel('Days to keep').fill('3650');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(page.getByTestId('retention-state')).toContainText(
    'Message text is kept 3,650 days. It has not run yet.',
  );

  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Run now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Done. Messages emptied: 1.' })).toBeVisible();
  await expect(page.getByTestId('retention-state')).toContainText(/Last run .*; messages emptied: 1\./);
  await snap(page, 'admin-retention');

  // The session is still there for its class, with its tokens, but its words are gone.
  await page.goto('/teacher');
  await page.getByRole('link', { name: SEED.oldClassName, exact: true }).click();
  await page.getByRole('link', { name: 'Sessions' }).click();
  await expect(page.getByTestId('conversations')).not.toContainText(SEED.oldMessage);
  await page.getByRole('link', { name: 'New session' }).click();
  const message = page.getByTestId('transcript-message');
  await expect(message).toHaveCount(1);
  await expect(message).toContainText('Text removed under the school’s retention policy.');
  await expect(message).toContainText('8 tokens');
  await snap(page, 'admin-retention-transcript');
});

test('the admin downloads everything held about one student, then deletes the student', async ({ page, baseURL }) => {
  await signInAsAdmin(page, baseURL);
  await page.goto('/admin');
  await page.getByLabel('Find a student by name or email').fill('old stu');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const match = page.getByTestId('student-match');
  await expect(match).toHaveCount(1);
  await expect(match).toContainText(`${SEED.oldStudentName}old.student@e2e.lumi.test · ${SEED.oldClassName}`);

  const downloading = page.waitForEvent('download');
  await match.getByRole('button', { name: 'Download data (JSON)' }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toMatch(/^Old-Student-data-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(readFileSync(await file.path(), 'utf8')) as {
    account: { name: string };
    enrolments: Array<{ class: { name: string } }>;
    conversations: Array<{ messages: unknown[] }>;
  };
  expect(data.account.name).toBe(SEED.oldStudentName);
  expect(data.enrolments.map((e) => e.class.name)).toEqual([SEED.oldClassName]);
  expect(data.conversations[0]!.messages).toHaveLength(1);
  await snap(page, 'admin-student-data');

  page.once('dialog', (dialog) => void dialog.accept());
  await match.getByRole('button', { name: 'Delete student' }).click();
  await expect(page.getByRole('status').filter({ hasText: `${SEED.oldStudentName} was deleted.` })).toContainText(
    'Sessions removed: 1; messages removed: 1; usage rows kept without a name: 0.',
  );
  await expect(match).toHaveCount(0);
  await snap(page, 'admin-student-deleted');

  await page.getByRole('link', { name: 'Access log' }).click();
  const log = page.getByTestId('access-log');
  await expect(log.locator('tr').filter({ hasText: 'Deleted a student’s data' })).toContainText('Ada Admin');
  // The student's name went with their data: the record says so rather than showing a bare id.
  await expect(log.locator('tr').filter({ hasText: 'Deleted a student’s data' })).toContainText('Deleted student');
  await expect(log.locator('tr').filter({ hasText: 'Exported a student’s data' })).toContainText('Ada Admin');

  // "Who read this child's data?": a name narrows the log to that student, or to that reader.
  const rows = log.locator('tbody tr');
  await log
    .getByRole('button', { name: /^Show only what was read about Deleted student/ })
    .first()
    .click();
  await expect(page.getByRole('button', { name: 'Remove the filter “About Deleted student”' })).toBeVisible();
  await expect(rows.filter({ hasNotText: 'Deleted student' })).toHaveCount(0);
  await expect(rows.filter({ hasText: 'Exported a student’s data' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'Deleted a student’s data' })).toHaveCount(1);
  await log.getByRole('button', { name: 'Show only what Ada Admin read or exported' }).first().click();
  await expect(page.getByRole('button', { name: 'Remove the filter “Read by Ada Admin”' })).toBeVisible();
  await expect(rows.filter({ hasNotText: 'Ada Admin' })).toHaveCount(0);
  await expect(rows.filter({ hasText: 'Deleted a student’s data' })).toHaveCount(1);
  await snap(page, 'admin-access-log-filtered');
  await page.getByRole('button', { name: 'Remove the filter “About Deleted student”' }).click();
  await page.getByRole('button', { name: 'Remove the filter “Read by Ada Admin”' }).click();
  await expect(page.getByRole('button', { name: /^Remove the filter/ })).toHaveCount(0);
});

test('the admin page in Chinese and on a phone', async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAsAdmin(page, baseURL, 'zh');
  await page.getByRole('link', { name: '学校管理' }).click();
  await expect(page.getByRole('heading', { name: '消息文字保留多久' })).toBeVisible();
  await expect(page.getByLabel('保留天数')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await snap(page, 'admin-zh-phone');
});
