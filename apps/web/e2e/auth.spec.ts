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

test('the chat endpoints refuse a request without a valid session cookie', async ({ playwright, baseURL }) => {
  const body = { kind: 'send', conversationId: 'c-any', clientId: crypto.randomUUID(), content: 'hello' };
  for (const cookie of [
    undefined,
    'authjs.session-token=forged',
    '__Secure-authjs.session-token=forged; authjs.session-token=x.y.z',
  ]) {
    const api = await playwright.request.newContext({ baseURL, extraHTTPHeaders: cookie ? { cookie } : {} });
    const send = await api.post('/api/chat', { data: body });
    expect(send.status()).toBe(401);
    expect((await send.json()).error.code).toBe('UNAUTHORIZED');
    expect((await api.get('/api/chat/c-any/stream')).status()).toBe(401);
    await api.dispose();
  }
});
