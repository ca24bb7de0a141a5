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

test('the admin page in Chinese and on a phone', async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signInAsAdmin(page, baseURL, 'zh');
  await page.getByRole('link', { name: '学校管理' }).click();
  await expect(page.getByRole('heading', { name: '消息文字保留多久' })).toBeVisible();
  await expect(page.getByLabel('保留天数')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await snap(page, 'admin-zh-phone');
});
