import { expect, test } from '@playwright/test';
import { openDemoClass, scriptNextReply, signInAsDemoTeacher, snap } from './helpers';

test('the teacher asks for last week’s insight; every claim links to its messages; reopening costs nothing', async ({
  page,
  baseURL,
}) => {
  await signInAsDemoTeacher(page, baseURL);
  await openDemoClass(page);
  await page.getByRole('link', { name: 'Insight' }).click();
  const insight = page.getByTestId('class-insight');
  await expect(insight.getByRole('heading', { name: 'What the class worked on' })).toBeVisible();
  // Last week always holds some of the demo school's sessions (they are 1 to 18 days old).
  const week = insight.getByLabel('Week');
  await week.selectOption({ index: 1 });
  // The model's answer cites m1, m2 (the week's first messages) and one reference that names no message.
  await scriptNextReply({
    reply: JSON.stringify({
      summary: 'The class worked on algebra and translation.',
      topics: [{ title: 'Algebra', detail: 'Solving equations step by step.', messages: ['m1', 'm2', 'm999'] }],
      misconceptions: [{ title: 'Signs', detail: 'Sign errors when factorising.', messages: ['m1'] }],
      students: [{ student: 's1', reason: 'Asked for the same step twice.', messages: ['m1'] }],
    }),
  });
  await insight.getByRole('button', { name: 'Write the insight' }).click();
  await expect(insight.getByTestId('insight-summary')).toHaveText('The class worked on algebra and translation.');
  const topic = insight.getByTestId('insight-claim').filter({ hasText: 'Algebra' });
  await expect(topic.getByRole('link')).toHaveCount(2);
  await expect(insight.getByTestId('insight-claim')).toHaveCount(3);
  await expect(insight).toContainText(/Written .* by .* from \d+ messages/);
  await snap(page, 'dashboard-insight');

  // Reopening the week shows the kept insight (the fake has no scripted answer left: nothing is asked again).
  await page.reload();
  await insight.getByLabel('Week').selectOption({ index: 1 });
  await expect(insight.getByTestId('insight-summary')).toHaveText('The class worked on algebra and translation.');

  await topic.getByRole('link', { name: 'Message 1' }).click();
  await expect(page).toHaveURL(/\/conversations\/[^?]+\?m=/);
  await expect(page.locator('[data-testid="transcript-message"][aria-current="true"]')).toBeVisible();
});

test('the insight tab in Chinese', async ({ page, baseURL }) => {
  await signInAsDemoTeacher(page, baseURL);
  await page.getByLabel('Language').first().selectOption('zh');
  await expect(page.getByRole('heading', { name: '你的班级' })).toBeVisible();
  await page.getByRole('link', { name: 'Year 10 Tutor Group B', exact: true }).click();
  await page.getByRole('link', { name: '学情洞察' }).click();
  await expect(page.getByRole('heading', { name: '本班学了什么' })).toBeVisible();
  await expect(page.getByRole('button', { name: '生成洞察' })).toBeVisible();
  await snap(page, 'dashboard-insight-zh');
});
