import { expect, test } from '@playwright/test';

// GitHub's credentials are set for the test app (playwright.config.ts), Google's are not. Nothing leaves the
// machine: the request to GitHub is answered here, after its address is checked.
test('a configured OAuth provider offers its button and hands the student to it with Lumi’s callback', async ({ page, baseURL }) => {
  const authorize = page.waitForRequest((request) => request.url().startsWith('https://github.com/login/oauth/authorize'));
  await page.route('https://github.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<p>GitHub stand-in</p>' }));

  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: 'Continue with Google' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Continue with GitHub' }).click();

  const url = new URL((await authorize).url());
  expect(url.searchParams.get('client_id')).toBe('lumi-e2e-client');
  // Auth.js builds the callback from the URL Next hands it, which names the host "localhost" even when the browser
  // used 127.0.0.1: a deployment sets AUTH_URL (README) so GitHub gets the public address.
  const callback = new URL(url.searchParams.get('redirect_uri')!);
  expect(callback.pathname).toBe('/api/auth/callback/github');
  expect(callback.port).toBe(new URL(baseURL!).port);
  expect(url.searchParams.get('state') ?? url.searchParams.get('code_challenge')).toBeTruthy();
  await expect(page.getByText('GitHub stand-in')).toBeVisible();
});
