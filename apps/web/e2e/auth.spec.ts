import { expect, test } from '@playwright/test';
import { SEED } from './fixtures';
import { snap } from './helpers';

test('repeated wrong passwords lock the account and say until when', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(SEED.teacherEmail);
  const password = page.getByLabel('Password');
  const submit = page.getByRole('button', { name: 'Sign in' });
  for (let attempt = 0; attempt < 5; attempt++) {
    await password.fill(`wrong-${attempt}`);
    await submit.click();
    await expect(page.getByText('That email and password do not match.')).toBeVisible();
  }
  await password.fill('wrong-again');
  await submit.click();
  await expect(page.getByText(/Too many attempts\. Try again at \d{2}:\d{2}\./)).toBeVisible();
  await snap(page, 'locked');
});
