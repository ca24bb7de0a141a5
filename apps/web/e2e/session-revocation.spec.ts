import { expect, test } from '@playwright/test';
import { SEED } from './fixtures';
import { changeAccount, signUpStudent } from './helpers';

// A session cookie stops working the moment what it stands for does: after sign-out (even a copy of the cookie),
// after the account is disabled, and a role change applies to the next request.

const chatBody = { kind: 'send', conversationId: 'c-any', clientId: crypto.randomUUID(), content: 'hello' };

test('signing out ends the session everywhere: a copied cookie no longer works', async ({ page, playwright }) => {
  await signUpStudent(page, SEED.joinCode);
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const copy = await playwright.request.newContext({ baseURL: page.url(), extraHTTPHeaders: { cookie } });
  expect((await copy.get('/api/trpc/account.me')).status()).toBe(200);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  expect((await copy.get('/api/trpc/account.me')).status()).toBe(401);
  expect((await copy.post('/api/chat', { data: chatBody })).status()).toBe(401);
  await copy.dispose();
});

test('disabling an account ends its sessions at once', async ({ page }) => {
  const email = await signUpStudent(page, SEED.joinCode);
  expect((await page.request.get('/api/trpc/account.me')).status()).toBe(200);
  changeAccount(email, 'disable');
  expect((await page.request.get('/api/trpc/account.me')).status()).toBe(401);
  expect((await page.request.post('/api/chat', { data: chatBody })).status()).toBe(401);
  await page.goto('/home');
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('a role change applies to the next request', async ({ page }) => {
  const email = await signUpStudent(page, SEED.joinCode);
  expect((await page.request.get('/api/trpc/teacher.overview')).status()).toBe(403);
  changeAccount(email, 'TEACHER');
  expect((await page.request.get('/api/trpc/teacher.overview')).status()).toBe(200);
  changeAccount(email, 'STUDENT');
  expect((await page.request.get('/api/trpc/teacher.overview')).status()).toBe(403);
});
