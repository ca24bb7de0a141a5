import { expect, test } from '@playwright/test';
import { SEED } from './fixtures';
import { openDemoClass, signInAsDemoTeacher, signInInEnglish, signUpApprovedTeacher, snap } from './helpers';

const STUDENT = { name: 'Omar Haddad', email: 'omar.haddad@greenfield.example' };
const NEW_PASSWORD = 'omar remembers now';
const NEW_TEACHER_PASSWORD = 'the teacher remembers now';

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

test('an admin gives a teacher who forgot their password a one-time code, and the teacher signs in with a new one', async ({
  page,
  browser,
  baseURL,
}) => {
  const teacher = { name: 'Mr Forgetful', email: `forgetful-${Date.now()}@e2e.lumi.test` };
  await signUpApprovedTeacher(page, teacher.name, teacher.email);
  await page.context().clearCookies();

  const admin = await (await browser.newContext({ baseURL })).newPage();
  await signInInEnglish(admin, baseURL, SEED.adminEmail, SEED.demoPassword);
  await admin.goto('/admin');
  const row = admin.getByTestId('teacher-row').filter({ hasText: teacher.email });
  admin.once('dialog', (dialog) => void dialog.accept());
  await row.getByRole('button', { name: `Reset password ${teacher.name}` }).click();
  const notice = row.getByTestId('reset-code');
  await expect(notice).toContainText(`Reset code for ${teacher.name}`);
  const code = (await notice.locator('code').textContent())!;
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await snap(admin, 'admin-reset-code');
  await admin.context().close();

  await page.goto(`/reset-password?code=${code}`);
  await page.getByLabel('New password').fill(NEW_TEACHER_PASSWORD);
  await page.getByRole('button', { name: 'Set new password' }).click();
  await expect(page.getByRole('status')).toContainText(`The password for ${teacher.email} is changed.`);
  await page.getByRole('link', { name: 'Sign in' }).click();
  await page.getByLabel('Email').fill(teacher.email);
  await page.getByLabel('Password').fill(NEW_TEACHER_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/teacher$/, { timeout: 30_000 });
});

for (const [language, text] of [
  ['en', { title: 'Set a new password', code: 'Reset code', password: 'New password', submit: 'Set new password' }],
  ['zh', { title: '设置新密码', code: '重置码', password: '新密码', submit: '设置新密码' }],
] as const) {
  test(`on a phone (${language}), the reset page fits the screen and its form works`, async ({ browser, baseURL }) => {
    const phone = await browser.newContext({ baseURL, viewport: { width: 360, height: 640 }, hasTouch: true });
    await phone.addCookies([{ name: 'lumi-lang', value: language, url: baseURL! }]);
    const page = await phone.newPage();
    await page.goto('/reset-password?code=ABCD-EFGH-JKMN');
    await expect(page.getByRole('heading', { name: text.title })).toBeVisible();
    // Nothing runs off the side: no sideways scrolling, every field and the button wholly on the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    for (const control of [
      page.getByLabel(text.code),
      page.getByLabel(text.password),
      page.getByRole('button', { name: text.submit }),
    ]) {
      const box = (await control.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(360);
      expect(box.height).toBeGreaterThanOrEqual(36);
    }
    await expect(page.getByLabel(text.code)).toHaveValue('ABCD-EFGH-JKMN');
    await page.getByLabel(text.password).tap();
    await page.getByLabel(text.password).fill('a long new password');
    await page.getByRole('button', { name: text.submit }).tap();
    const refused = page.getByRole('alert').filter({ hasText: language === 'en' ? 'That code' : '这个重置码' });
    await expect(refused).toBeVisible();
    await expect(refused).toBeInViewport();
    await snap(page, `reset-password-phone-${language}`);
    await phone.close();
  });
}
