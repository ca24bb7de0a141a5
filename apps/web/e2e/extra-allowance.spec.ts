import { expect, test } from '@playwright/test';
import { signInAsDemoTeacher, signUpStudent, snap, startSession, sendMessage, tutorReplies } from './helpers';

test('a teacher gives one student extra tokens for today from the roster; the student sees it and uses it', async ({
  page,
  browser,
  baseURL,
}) => {
  // A class of its own with a budget too small for any reply, so other specs' classes are untouched.
  const className = `Extra allowance ${Date.now()}`;
  await signInAsDemoTeacher(page, baseURL);
  await page.getByLabel('Class name').fill(className);
  await page.getByLabel('Daily tokens per student').fill('10');
  await page.getByRole('button', { name: 'Create class' }).click();
  const card = page.getByTestId('class-card').filter({ hasText: className });
  const joinCode = (await card.getByTestId('join-code').textContent())!.trim();

  const student = await (await browser.newContext({ baseURL })).newPage();
  await student.context().addCookies([{ name: 'lumi-lang', value: 'en', url: baseURL! }]);
  await signUpStudent(student, joinCode);
  await startSession(student);
  await sendMessage(student, 'Help me with my homework');
  await expect(student.getByRole('alert').filter({ hasText: 'budget' })).toContainText('Too little of today’s');

  await card.getByRole('link', { name: className, exact: true }).click();
  const row = page.getByTestId('roster-row').filter({ hasText: 'Ada Student' });
  await row.getByRole('button', { name: /Extra today/ }).click();
  const amount = row.getByLabel('Extra tokens for Ada Student, today only');
  await amount.fill('-5');
  await row.getByRole('button', { name: 'Give' }).click();
  await expect(row).toContainText('The budget cannot be negative.');
  await amount.fill('20000');
  await row.getByRole('button', { name: 'Give' }).click();
  await expect(row.getByTestId('roster-extra')).toHaveText('+20,000 extra today');
  await snap(page, 'dashboard-extra-allowance');

  await student.goto('/home');
  await expect(student.getByTestId('extra-today')).toHaveText('+20,000 extra today');
  await snap(student, 'student-extra-today');
  await student.goBack();
  // The chat page has loaded today's budget (and so is interactive) before the message goes.
  await expect(student.getByTestId('usage-meter')).toContainText('+20,000 extra today');
  await student.getByRole('textbox', { name: 'Your message' }).fill('Help me with my homework');
  await student.getByRole('button', { name: 'Send' }).click();
  await expect(tutorReplies(student)).toHaveCount(1);
  await expect(tutorReplies(student).last()).not.toBeEmpty();
  await student.context().close();
});

test('the extra allowance in Chinese', async ({ page, baseURL }) => {
  await signInAsDemoTeacher(page, baseURL);
  await page.getByLabel('Language').first().selectOption('zh');
  await expect(page.getByRole('heading', { name: '你的班级' })).toBeVisible();
  await page.getByRole('link', { name: 'Year 10 Tutor Group B', exact: true }).click();
  const row = page.getByTestId('roster-row').first();
  await row.getByRole('button', { name: /今日加额/ }).click();
  await expect(row.getByText('在班级额度之外，仅限今天（UTC）。填 0 即收回。')).toBeVisible();
  await row.getByRole('button', { name: '取消' }).click();
  await snap(page, 'dashboard-extra-allowance-zh');
});
