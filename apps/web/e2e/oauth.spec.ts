import { expect, test } from '@playwright/test';
import { GITHUB_CLIENT, startFakeGitHub } from './fake-github';
import { SEED } from './fixtures';
import { snap } from './helpers';
import { nodes } from './topology';

// GitHub's credentials are set for the test app and Google's are not (playwright.config.ts); "GitHub" is the
// stand-in in fake-github.ts, reached the way a school's GitHub Enterprise Server would be.
let github: Awaited<ReturnType<typeof startFakeGitHub>>;
test.beforeAll(async () => {
  github = await startFakeGitHub(Number(process.env.E2E_FAKE_GITHUB_PORT));
});
test.afterAll(() => github.close());
// Next names 127.0.0.1 "localhost" in the URL it hands Auth.js, which builds GitHub's callback from it; browsing
// as localhost keeps the sign-in cookies on the host the callback comes back to. That URL is the node's own
// address, not a balancer's: behind one, OAuth needs AUTH_URL (docs/scaling.md), which these tests cannot set
// without moving every other sign-in to that host, so they talk to the first node itself.
test.use({ baseURL: `http://localhost:${nodes()[0]}` });

test('a new student signs in with GitHub, lands on their home and joins a class', async ({ page, baseURL }) => {
  const email = `octo-${Date.now()}@e2e.lumi.test`;
  github.signInAs({
    id: 4242,
    login: 'octo-student',
    name: 'Octo Student',
    emails: [
      { email: `old-${email}`, primary: false, verified: false },
      { email, primary: true, verified: true },
    ],
  });
  const authorize = page.waitForRequest((request) => request.url().includes('/login/oauth/authorize'));

  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: 'Continue with Google' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Continue with GitHub' }).click();

  const url = new URL((await authorize).url());
  expect(url.searchParams.get('client_id')).toBe(GITHUB_CLIENT.id);
  expect(url.searchParams.get('redirect_uri')).toBe(`${baseURL}/api/auth/callback/github`);

  await expect(page).toHaveURL(/\/home$/);
  await expect(page.getByRole('heading', { name: 'Welcome, Octo Student' })).toBeVisible();
  await expect(page.getByText('You are not in a class yet.')).toBeVisible();
  await page.getByLabel('Join a class').fill(SEED.joinCode);
  await page.getByRole('button', { name: 'Join', exact: true }).click();
  // The class's name as the page shows it (the new-session form's class picker holds it too).
  await expect(page.getByText(SEED.className).locator('visible=true').first()).toBeVisible();
  await snap(page, 'oauth-student-home');
});

test('a GitHub account with an unverified copy of a teacher’s email cannot open the teacher’s account', async ({
  page,
}) => {
  github.signInAs({
    id: 6666,
    login: 'impostor',
    name: 'Impostor',
    emails: [{ email: SEED.teacherEmail.toUpperCase(), primary: true, verified: false }],
  });

  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Continue with GitHub' }).click();

  await expect(page).toHaveURL(/\/sign-in\?error=EmailUnverified$/);
  await expect(
    page.getByRole('alert').filter({ hasText: 'Lumi needs an email address your provider has verified' }),
  ).toBeVisible();
  await snap(page, 'oauth-unverified');
  // Still signed out: the teacher's pages send the visitor to sign in.
  await page.goto('/teacher');
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('any other way back from a provider says the sign-in did not work, whatever the address carries', async ({
  page,
}) => {
  for (const error of ['Configuration', 'OAuthCallbackError', 'toString']) {
    await page.goto(`/sign-in?error=${error}`);
    await expect(
      page.getByRole('alert').filter({ hasText: 'Signing in with that provider did not work.' }),
    ).toBeVisible();
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
  }
});
