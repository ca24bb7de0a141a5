import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { SEED } from './fixtures';
import { openDemoClass, signInAsDemoTeacher, snap } from './helpers';

test('the teacher reads the roster, a transcript, finds a Chinese word, reviews a flag and sees the charts', async ({
  page,
  baseURL,
}) => {
  await signInAsDemoTeacher(page, baseURL);
  const card = page.getByTestId('class-card').filter({ hasText: SEED.demoClassName });
  await expect(card).toContainText('2 open flags');
  await expect(page.getByRole('status')).toContainText(`2 new flags in ${SEED.demoClassName}`);
  await snap(page, 'dashboard-overview');

  await openDemoClass(page);
  const rows = page.getByTestId('roster-row');
  await expect(rows).toHaveCount(6);
  const maya = rows.filter({ hasText: 'Maya Thompson' });
  // The seeded usage: three weeks of requests, so every student has 30-day tokens and a cost.
  await expect(maya.locator('td').nth(2)).toHaveText(/[1-9][\d,]*\s*\$\d/);
  await page.getByRole('button', { name: '30 days' }).click();
  await expect(page.getByRole('columnheader', { name: /30 days/ })).toHaveAttribute('aria-sort', 'descending');
  await page.getByPlaceholder('Filter students').fill('maya');
  await expect(rows).toHaveCount(1);
  await snap(page, 'dashboard-roster');

  await maya.getByRole('link', { name: 'Maya Thompson' }).click();
  await expect(page.getByTestId('conversations')).toBeVisible();
  await page.getByRole('link', { name: 'Solving x² − 5x + 6 = 0' }).click();
  await expect(page.getByRole('heading', { name: 'Solving x² − 5x + 6 = 0' })).toBeVisible();
  await expect(page.getByTestId('transcript-message')).toHaveCount(6);
  await expect(page.getByTestId('transcript-message').nth(1)).toContainText(/gpt-4o-mini · \d+ tokens · request/);
  await snap(page, 'dashboard-transcript');

  await page.goto(page.url().replace(/\/conversations\/.*/, '?tab=search'));
  await page.getByRole('searchbox', { name: 'Search the class’s messages' }).fill('重复');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  const result = page.getByTestId('search-result').first();
  await expect(result.locator('mark')).toHaveText('重复');
  await snap(page, 'dashboard-search-zh-word');
  await result.getByRole('link').click();
  await expect(page.locator('[data-testid="transcript-message"][aria-current="true"]')).toContainText('重复');

  await page.goto(page.url().replace(/\/conversations\/.*/, '?tab=flags'));
  const flag = page.getByTestId('flag').filter({ hasText: 'think about self-harm' });
  await expect(flag).toContainText('Self-harm · 60%');
  await flag.getByRole('button', { name: 'Mark reviewed' }).click();
  await expect(flag).toBeHidden();
  await page.getByRole('button', { name: 'Reviewed', exact: true }).click();
  await expect(page.getByTestId('flag').filter({ hasText: 'think about self-harm' })).toContainText(
    'Reviewed by Elena Rivera',
  );
  await snap(page, 'dashboard-flags');

  await page.getByRole('link', { name: 'Usage' }).click();
  await expect(page.getByTestId('usage-totals')).toContainText(/Total: [1-9][\d,]* tokens · \$\d/);
  await expect(page.getByTestId('daily-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await expect(page.getByTestId('top-chart').locator('.recharts-bar-rectangle')).toHaveCount(6);
  await expect(page.getByTestId('hour-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await page.getByLabel('Stack by').selectOption('mode');
  await expect(page.getByTestId('daily-chart')).toContainText('Programming');
  await snap(page, 'dashboard-charts');
});

test('the dashboard in Chinese: roster, search for a two-character word, flags', async ({ page, baseURL }) => {
  await signInAsDemoTeacher(page, baseURL);
  await page.getByLabel('Language').first().selectOption('zh');
  await expect(page.getByRole('heading', { name: '你的班级' })).toBeVisible();
  await openDemoClass(page);
  await expect(page.getByRole('link', { name: '学生名单' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('roster-row')).toHaveCount(6);
  await expect(page.getByRole('columnheader', { name: /30 天/ })).toBeVisible();
  await snap(page, 'dashboard-roster-zh');

  await page.getByRole('link', { name: '搜索' }).click();
  await page.getByRole('searchbox', { name: '搜索本班的消息' }).fill('顶点');
  await page.getByRole('button', { name: '搜索', exact: true }).click();
  await expect(page.getByTestId('search-result').first().locator('mark')).toHaveText('顶点');
  await snap(page, 'dashboard-search-zh');

  await page.getByRole('link', { name: /标记/ }).click();
  await expect(page.getByTestId('flag').filter({ hasText: '笨蛋' })).toContainText('骚扰 · 60%');
  await snap(page, 'dashboard-flags-zh');
  await page.getByRole('link', { name: '用量' }).click();
  await expect(page.getByTestId('usage-totals')).toContainText('合计');
  await expect(page.getByTestId('daily-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();
  await snap(page, 'dashboard-charts-zh');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the roster, the charts and a transcript fit a phone screen', async ({ page, baseURL }) => {
    await signInAsDemoTeacher(page, baseURL);
    await openDemoClass(page);
    await expect(page.getByTestId('roster-row')).toHaveCount(6);
    await snap(page, 'dashboard-roster-phone');
    await page.getByRole('link', { name: 'Usage' }).click();
    await expect(page.getByTestId('daily-chart').locator('.recharts-bar-rectangle').first()).toBeVisible();
    await snap(page, 'dashboard-charts-phone');
    await page.getByRole('link', { name: 'Sessions' }).click();
    await page.getByRole('link', { name: '长城 → English' }).click();
    await expect(page.getByTestId('transcript-message')).toHaveCount(4);
    // Nothing wider than the screen: the page itself does not scroll sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await snap(page, 'dashboard-transcript-phone');
  });
});

test('a new flag appears without a reload; a lower budget refuses the next message; the usage CSV adds up', async ({
  page,
  browser,
  baseURL,
}) => {
  await signInAsDemoTeacher(page, baseURL);
  await openDemoClass(page);
  await page.getByRole('link', { name: /^Flags/ }).click();
  await expect(page.getByRole('heading', { name: 'Flags' })).toBeVisible();

  // The student, in a browser of their own.
  const student = await (await browser.newContext({ baseURL })).newPage();
  await student.context().addCookies([{ name: 'lumi-lang', value: 'en', url: baseURL! }]);
  await student.goto('/sign-in');
  await student.getByLabel('Email').fill('sofia.garcia@greenfield.example');
  await student.getByLabel('Password').fill(SEED.demoPassword);
  await student.getByRole('button', { name: 'Sign in' }).click();
  await expect(student).toHaveURL(/\/home$/, { timeout: 30_000 });
  await student.getByRole('combobox', { name: 'Class', exact: true }).selectOption({ label: SEED.demoClassName });
  await student.getByRole('button', { name: 'Start session' }).click();
  await expect(student).toHaveURL(/\/chat\/[^/]+$/);
  await expect(student.getByText('Ask your tutor anything to begin.')).toBeVisible();
  const box = student.getByRole('textbox', { name: 'Your message' });
  await box.fill('I want to hurt myself');
  await student.getByRole('button', { name: 'Send' }).click();
  await expect(student.locator('li[data-role="ASSISTANT"]').last()).toContainText('talk to a teacher');

  await expect(page.getByTestId('live-flag')).toContainText('New flag just now: Sofía García');
  await expect(page.getByTestId('flag').filter({ hasText: 'I want to hurt myself' })).toBeVisible();
  await snap(page, 'dashboard-live-flag');

  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByTestId('prompt-preview')).toContainText('We are revising for the end-of-term exams');
  await page.getByLabel('Extra instructions for the tutor').fill('Always answer with a question.');
  await expect(page.getByTestId('prompt-preview')).toContainText('Always answer with a question.');
  await page.getByLabel('Daily tokens per student').fill('10');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await snap(page, 'dashboard-settings');

  await box.fill('Can you help me with fractions?');
  await student.getByRole('button', { name: 'Send' }).click();
  // "You have used today's tutoring budget." when her usage today passed 10, else "Too little of today's ...".
  await expect(student.getByRole('alert').filter({ hasText: 'tutoring budget' })).toBeVisible();
  await snap(student, 'student-budget-refused');
  await student.context().close();

  await page.getByLabel('Daily tokens per student').fill('60000');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  await page.getByRole('link', { name: 'Usage' }).click();
  const totals = await page.getByTestId('usage-totals').textContent();
  const onScreen = Number(/Total: ([\d,]+) tokens/.exec(totals ?? '')![1]!.replaceAll(',', ''));
  await page.getByRole('link', { name: 'Exports' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: /Usage CSV/ }).click();
  const file = await downloading;
  expect(file.suggestedFilename()).toMatch(/usage-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await file.path(), 'utf8');
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const [header, ...rows] = csv
    .slice(1)
    .trim()
    .split('\r\n')
    .map((line) => line.split(','));
  const total = rows.reduce((sum, r) => sum + Number(r[header!.indexOf('total_tokens')]), 0);
  expect(total).toBe(onScreen);
  expect(csv).toContain('李伟');
  await snap(page, 'dashboard-exports');
});
