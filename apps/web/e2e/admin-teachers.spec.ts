import { expect, test, type Browser, type Page } from '@playwright/test';
import { SEED } from './fixtures';
import { PASSWORD, snap } from './helpers';

// Issue 11 item 4: anyone could sign up as a teacher and spend the school's key. A teacher who signs up waits for
// the admin's approval on /admin, where the admin also sets the spending caps and the models of students' own
// sessions.

async function signedIn(browser: Browser, baseURL: string | undefined, email: string, password: string) {
  const context = await browser.newContext();
  await context.addCookies([{ name: 'lumi-lang', value: 'en', url: baseURL! }]);
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/teacher$/, { timeout: 30_000 });
  return page;
}

function teacherRow(admin: Page, email: string) {
  return admin.getByTestId('teacher-row').filter({ hasText: email });
}

test('a teacher who signs up waits for the admin, who approves them; then they create a class', async ({
  page,
  browser,
  baseURL,
}) => {
  const email = `waiting-${Date.now()}@e2e.lumi.test`;
  await page.goto('/sign-up');
  await page.getByRole('radio', { name: 'Teacher' }).check();
  await page.getByLabel('Your name').fill('Ms Waiting');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page).toHaveURL(/\/teacher$/);
  await expect(page.getByRole('status').filter({ hasText: 'waiting for your school’s admin' })).toBeVisible();
  await page.getByLabel('Class name').fill('Not yet');
  await page.getByRole('button', { name: 'Create class' }).click();
  await expect(page.locator('main').getByRole('alert')).toContainText('You can create classes once it is approved.');
  await snap(page, 'teacher-waiting');

  const admin = await signedIn(browser, baseURL, SEED.adminEmail, SEED.demoPassword);
  await admin.goto('/admin');
  const row = teacherRow(admin, email);
  await expect(row).toContainText('Waiting for approval');
  await row.getByRole('button', { name: 'Approve' }).click();
  await expect(row).toContainText('Approved');
  await snap(admin, 'admin-teachers');

  await page.reload();
  await expect(page.getByText('waiting for your school’s admin')).toHaveCount(0);
  await page.getByLabel('Class name').fill('Biology 7');
  await page.getByRole('button', { name: 'Create class' }).click();
  await expect(page.getByTestId('join-code')).toHaveText(/^[A-Z0-9]{4,12}$/);

  // Disabled, the teacher is signed out on their next request.
  admin.once('dialog', (dialog) => void dialog.accept());
  await row.getByRole('button', { name: 'Disable' }).click();
  await expect(row).toContainText('Disabled');
  await page.reload();
  await expect(page).toHaveURL(/\/sign-in/);
});

test('the admin sets the spending caps and the models of students’ own sessions', async ({ browser, baseURL }) => {
  const admin = await signedIn(browser, baseURL, SEED.adminEmail, SEED.demoPassword);
  await admin.goto('/admin');
  const caps = admin.locator('section', { has: admin.getByRole('heading', { name: 'Spending caps' }) });
  await expect(caps).toContainText('the server’s settings (LUMI_SPEND_CAP_*) apply until you save');
  await caps.getByLabel('School per day (US$)').fill('-5');
  await caps.getByRole('button', { name: 'Set caps' }).click();
  await expect(caps.getByText('Enter an amount in US dollars')).toBeVisible();
  await caps.getByLabel('School per day (US$)').fill('25');
  await caps.getByLabel('Each teacher per month (US$)').fill('40.5');
  await caps.getByRole('button', { name: 'Set caps' }).click();
  await expect(caps.getByRole('status')).toHaveText('Saved.');
  await expect(caps).not.toContainText('apply until you save');

  const models = admin.locator('section', {
    has: admin.getByRole('heading', { name: 'Models for students’ own sessions' }),
  });
  await expect(models).toContainText('Nothing chosen yet');
  await expect(models.getByRole('checkbox', { name: /^GPT-4o mini / })).toBeChecked();
  await expect(models.getByRole('checkbox', { name: /^GPT-5 \$/ })).not.toBeChecked();
  const ticked = models.getByRole('checkbox', { checked: true });
  while ((await ticked.count()) > 0) await ticked.first().uncheck();
  await models.getByRole('button', { name: 'Use these models' }).click();
  await expect(models.getByText('Choose at least one model.')).toBeVisible();
  await models.getByRole('checkbox', { name: /^GPT-4.1 nano / }).check();
  await models.getByRole('button', { name: 'Use these models' }).click();
  await expect(models.getByRole('status')).toHaveText('Saved.');
  await snap(admin, 'admin-spending');

  await admin.reload();
  await expect(caps.getByLabel('School per day (US$)')).toHaveValue('25');
  await expect(caps.getByLabel('Each teacher per month (US$)')).toHaveValue('40.5');
  await expect(models.getByRole('checkbox', { name: /^GPT-4.1 nano / })).toBeChecked();
  await expect(models.getByRole('checkbox', { name: /^GPT-4o mini / })).not.toBeChecked();
  // Put back for the other specs: the cheap set, no caps.
  await caps.getByLabel('School per day (US$)').fill('');
  await caps.getByLabel('Each teacher per month (US$)').fill('');
  await caps.getByRole('button', { name: 'Set caps' }).click();
  await expect(caps.getByRole('status')).toHaveText('Saved.');
  for (const name of [/^GPT-4o mini /, /^GPT-5 mini /]) await models.getByRole('checkbox', { name }).check();
  await models.getByRole('checkbox', { name: /^GPT-4.1 nano / }).uncheck();
  await models.getByRole('button', { name: 'Use these models' }).click();
  await expect(models.getByRole('status')).toHaveText('Saved.');
});
