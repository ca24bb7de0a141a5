import { expect, test } from '@playwright/test';
import { openDemoClass, signInAsDemoTeacher, snap } from './helpers';

const STUDENT = { name: 'Omar Haddad', email: 'omar.haddad@greenfield.example' };
const NEW_PASSWORD = 'omar remembers now';

test('a teacher gives a student who forgot their password a one-time code, and it works once', async ({
  page,
  browser,
  baseURL,
}) => {
  await signInAsDemoTeacher(page, baseURL);
  await openDemoClass(page);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: `Reset password ${STUDENT.name}` }).click();
  const notice = page.getByTestId('reset-code');
  await expect(notice).toContainText(`Reset code for ${STUDENT.name}`);
  const code = (await notice.locator('code').textContent())!;
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await expect(notice).toContainText(`/reset-password?code=${code}`);
  await snap(page, 'teacher-reset-code');

  const student = await (await browser.newContext({ baseURL })).newPage();
  await student.context().addCookies([{ name: 'lumi-lang', value: 'en', url: baseURL! }]);
  await student.goto('/sign-in');
  await student.getByRole('link', { name: 'Forgot your password?' }).click();
  await expect(student.getByRole('heading', { name: 'Set a new password' })).toBeVisible();
  await student.getByLabel('Reset code').fill(code.toLowerCase());
  await student.getByLabel('New password').fill('short');
  await student.getByRole('button', { name: 'Set new password' }).click();
  await expect(student.getByLabel('New password')).toHaveAttribute('aria-invalid', 'true');
  await student.getByLabel('New password').fill(NEW_PASSWORD);
  await student.getByRole('button', { name: 'Set new password' }).click();
  await expect(student.getByRole('status')).toContainText(`The password for ${STUDENT.email} is changed.`);
  await snap(student, 'student-password-reset');

  await student.getByRole('link', { name: 'Sign in' }).click();
  await student.getByLabel('Email').fill(STUDENT.email);
  await student.getByLabel('Password').fill(NEW_PASSWORD);
  await student.getByRole('button', { name: 'Sign in' }).click();
  await expect(student).toHaveURL(/\/home$/, { timeout: 30_000 });
  await student.context().close();

  // Used once: the same link again is refused, and says what to do.
  const again = await (await browser.newContext({ baseURL })).newPage();
  await again.context().addCookies([{ name: 'lumi-lang', value: 'en', url: baseURL! }]);
  await again.goto(`/reset-password?code=${code}`);
  await expect(again.getByLabel('Reset code')).toHaveValue(code);
  await again.getByLabel('New password').fill('someone else tries');
  await again.getByRole('button', { name: 'Set new password' }).click();
  // Next's route announcer is an (empty) alert too.
  await expect(again.getByRole('alert').filter({ hasText: 'That code' })).toHaveText(
    'That code is wrong, used or expired. Ask your teacher for a new one.',
  );
  await again.context().close();
});
