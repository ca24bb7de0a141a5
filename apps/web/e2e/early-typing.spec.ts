import { expect, test } from '@playwright/test';
import { SEED } from './fixtures';
import { scriptNextReply, signUpStudent, startSession, tutorReplies } from './helpers';

test('text typed before the page became interactive is sent by the first Enter', async ({ page }) => {
  await signUpStudent(page, SEED.joinCode);
  await startSession(page);
  const url = page.url();

  // Hold the scripts back so the server-rendered page sits there, not yet interactive, as on a slow network.
  let release!: () => void;
  const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_next/static/chunks/**', async (route) => {
    await scriptsHeld;
    await route.continue();
  });
  await page.goto(url, { waitUntil: 'commit' });
  const box = page.getByRole('textbox', { name: 'Your message' });
  await box.waitFor({ state: 'visible', timeout: 15_000 });
  await box.pressSequentially('typed early');
  release();
  await page.waitForLoadState('networkidle');

  await scriptNextReply({ reply: 'Got it.' });
  await box.press('Enter');
  await expect(page.locator('li[data-role="USER"]').last()).toHaveText(/typed early/);
  await expect(tutorReplies(page).last()).toHaveAttribute('data-status', 'COMPLETE');
});

test('a sign-in sent before the page became interactive never puts the password in the address', async ({ page }) => {
  await page.route('**/_next/static/chunks/**', (route) => route.abort());
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill('someone@e2e.lumi.test');
  await page.getByLabel('Password').fill('secret-password-123');
  await page.getByLabel('Password').press('Enter');
  await page.waitForLoadState('load');
  expect(page.url()).not.toContain('secret-password-123');
});
