import { expect, test } from '@playwright/test';
import { SEED } from './fixtures';
import { openDemoClass, signInAsDemoTeacher, signInInEnglish, snap } from './helpers';

// What a teacher walking the dashboard noticed (issue 12 walk-through): English that counts "1 open flags", a
// roster that pushed the whole phone page sideways, a search that was gone after Back from a transcript.

test('one flag is "1 open flag", and the Flags tab says how many are open to a screen reader', async ({
  page,
  baseURL,
}) => {
  await signInAsDemoTeacher(page, baseURL);
  await openDemoClass(page);
  await expect(page.getByRole('link', { name: 'Flags (2 open flags)' })).toBeVisible();
  await page.getByRole('link', { name: 'Sessions' }).click();
  const examStress = page.getByRole('row').filter({ hasText: 'Exam stress' });
  await expect(examStress).toContainText('1 open flag');
  await expect(examStress).not.toContainText('1 open flags');
  await expect(page.getByText('1 students')).toHaveCount(0);
});

test('the search stays in the address: Back from a result finds the same results', async ({ page, baseURL }) => {
  await signInAsDemoTeacher(page, baseURL);
  await openDemoClass(page);
  await page.getByRole('link', { name: 'Search' }).click();
  await page.getByRole('searchbox', { name: 'Search the class’s messages' }).fill('顺序');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page).toHaveURL(/[?&]q=%E9%A1%BA%E5%BA%8F/);
  const results = page.getByTestId('search-result');
  await expect(results.first().locator('mark')).toHaveText('顺序');
  const count = await results.count();
  await results.first().getByRole('link').click();
  const found = page.locator('[data-testid="transcript-message"][aria-current="true"]');
  await expect(found).toContainText('顺序');
  // The words searched for are marked in the message found (here a tutor's Markdown reply).
  await expect(found.locator('mark').first()).toHaveText('顺序');
  await page.goBack();
  await expect(page.getByRole('searchbox', { name: 'Search the class’s messages' })).toHaveValue('顺序');
  await expect(results).toHaveCount(count);

  // In English too, whatever the case, in a student's own words.
  await page.getByRole('searchbox', { name: 'Search the class’s messages' }).fill('UNIFORMS');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await results.filter({ hasText: 'Here is my intro' }).getByRole('link').click();
  await expect(page.locator('[data-testid="transcript-message"][aria-current="true"] mark')).toHaveText('uniforms');
  await snap(page, 'audit-transcript-marked');
});

test('session filters stay in the address, and one date alone filters the list', async ({ page, baseURL }) => {
  await signInAsDemoTeacher(page, baseURL);
  await openDemoClass(page);
  await page.getByRole('link', { name: 'Sessions' }).click();
  const rows = page.getByTestId('conversations').getByRole('row');
  await expect(rows.filter({ hasText: 'Loop prints 5 five times' })).toBeVisible();
  // Only "From": the sessions active since yesterday (UTC), not those of two weeks ago.
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('From').fill(yesterday);
  await expect(rows.filter({ hasText: 'Loop prints 5 five times' })).toHaveCount(0);
  await expect(rows.filter({ hasText: 'Exam stress' })).toBeVisible();
  await page.getByLabel('From').fill('');
  await page.getByRole('combobox', { name: 'Flags' }).selectOption('yes');
  await expect(page).toHaveURL(/[?&]flagged=yes/);
  await expect(rows.filter({ hasText: 'Loop prints 5 five times' })).toHaveCount(0);
  await rows.filter({ hasText: 'Exam stress' }).getByRole('link').click();
  await expect(page.getByRole('heading', { name: 'Exam stress' })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('combobox', { name: 'Flags' })).toHaveValue('yes');
  await expect(rows.filter({ hasText: 'Exam stress' })).toBeVisible();
  await expect(rows.filter({ hasText: 'Loop prints 5 five times' })).toHaveCount(0);

  // The flags queue keeps the status it shows the same way.
  await page.getByRole('link', { name: /^Flags/ }).click();
  await page.getByRole('button', { name: 'Reviewed', exact: true }).click();
  await expect(page).toHaveURL(/[?&]status=reviewed/);
  await page
    .getByTestId('flag')
    .first()
    .getByRole('link', { name: /Open in context/ })
    .click();
  await expect(page.getByTestId('transcript-message').first()).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('button', { name: 'Reviewed', exact: true })).toHaveAttribute('aria-pressed', 'true');
});

test('a screen reader hears the requests by hour too; an admin sees whose each class is; the access log leads back', async ({
  page,
  baseURL,
}) => {
  await signInAsDemoTeacher(page, baseURL);
  await openDemoClass(page);
  await page.goto(`${page.url()}?tab=usage`);
  const hours = page.getByRole('figure', { name: /Requests by hour/ });
  await expect(hours.getByRole('listitem').first()).toContainText(/^\d{2}:00 · Requests: [1-9]/);

  await page.context().clearCookies();
  await signInInEnglish(page, baseURL, SEED.adminEmail, SEED.demoPassword, /\/(teacher|admin)$/);
  // The admin's class list is the whole school's, each class with its teacher.
  await expect(page.getByRole('heading', { name: 'Every class in the school' })).toBeVisible();
  await expect(
    page.getByTestId('class-card').filter({ hasText: SEED.demoClassName }).getByTestId('class-teacher'),
  ).toHaveText('Taught by Elena Rivera');
  await page.goto('/admin/privacy');
  await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'School admin' }).click();
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { name: 'School admin', level: 1 })).toBeVisible();
});

test('a class that is not there (or not yours) says so once, with no tabs and no retry', async ({ page, baseURL }) => {
  await signInAsDemoTeacher(page, baseURL);
  await page.goto('/teacher/classes/no-such-class?tab=usage');
  await expect(page.getByRole('alert')).toHaveCount(1);
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Class sections' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Try again' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: '← Your classes' })).toBeVisible();
});

test('giving extra tokens opens a form that fits the roster: every row keeps its actions in view', async ({
  page,
  baseURL,
}) => {
  await signInAsDemoTeacher(page, baseURL);
  await openDemoClass(page);
  const table = page.getByTestId('roster');
  const row = page.getByTestId('roster-row').filter({ hasText: '李伟' });
  await row.getByRole('button', { name: /Extra today/ }).click();
  await expect(row.getByRole('spinbutton', { name: /Extra tokens for 李伟/ })).toBeFocused();
  const scroller = table.locator('xpath=..');
  expect(await scroller.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
  await snap(page, 'audit-extra-open');
  await page.keyboard.press('Escape');
  await expect(row.getByRole('button', { name: /Extra today/ })).toBeVisible();
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the roster scrolls inside its table; the page itself never scrolls sideways', async ({ page, baseURL }) => {
    await signInAsDemoTeacher(page, baseURL);
    await openDemoClass(page);
    await expect(page.getByTestId('roster-row')).toHaveCount(6);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await snap(page, 'audit-roster-phone');
    await page.getByRole('link', { name: 'Sessions' }).click();
    await expect(page.getByRole('row').filter({ hasText: 'Exam stress' })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
