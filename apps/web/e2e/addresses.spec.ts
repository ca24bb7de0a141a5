import { networkInterfaces } from 'node:os';
import { expect, test, type Page } from '@playwright/test';
import { SEED } from './fixtures';
import { signUpStudent, snap } from './helpers';
import { startExtraNode } from './standalone';

// A school's students reach Lumi under whatever address works from their device, such as the server's LAN address.
// Every redirect must keep that address: `localhost` or the configured AUTH_URL is a dead page on a pupil's tablet.
// The app under test listens on every interface, as `npm start` does, so the machine's own address reaches it.
// (Next rewrites every 127.x host to `localhost` in the requests it builds, so a loopback address cannot show it.)
const port = Number(process.env.E2E_APP_PORT);
const machineAddress = Object.values(networkInterfaces())
  .flat()
  .find((nic) => nic && nic.family === 'IPv4' && !nic.internal)?.address;
const secondAddress = `http://${machineAddress ?? '127.0.0.2'}:${port}`;

async function signOutLandsOnSignIn(page: Page, origin: string) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(`${origin}/sign-in`);
  await expect(page.getByRole('heading', { name: 'Sign in to Lumi' })).toBeVisible();
}

test.describe('without AUTH_URL', () => {
  test.use({ baseURL: secondAddress });

  test('a student who signed in under a second address signs out to that address', async ({ page }) => {
    await signUpStudent(page, SEED.joinCode);
    await expect(page).toHaveURL(`${secondAddress}/home`);
    await signOutLandsOnSignIn(page, secondAddress);
    await snap(page, 'signed-out-second-address');
    // Signed out, a page that needs a session sends the visitor to sign in on the same address.
    await page.goto('/home');
    await expect(page).toHaveURL(`${secondAddress}/sign-in`);
  });

  test("Auth.js's own redirects and OAuth callbacks use the address the visitor used", async ({ page, request }) => {
    test.skip(!machineAddress, 'this machine has no network address besides loopback');
    await page.goto('/api/auth/error?error=Configuration');
    await expect(page).toHaveURL(`${secondAddress}/sign-in?error=Configuration`);
    await expect(page.getByText('Signing in with that provider did not work.')).toBeVisible();
    const providers = (await (await request.get('/api/auth/providers')).json()) as Record<
      string,
      { callbackUrl: string }
    >;
    expect(providers.github?.callbackUrl).toBe(`${secondAddress}/api/auth/callback/github`);
  });
});

test.describe('with AUTH_URL naming another address', () => {
  const otherPort = port + 22_000; // clear of the balanced topology's node ports (+16,000, +20,000)
  const address = `http://${machineAddress ?? '127.0.0.2'}:${otherPort}`;
  let stop: () => void = () => {};

  test.beforeAll(async () => {
    ({ stop } = await startExtraNode((port) => ({ AUTH_URL: `http://lumi.school.example:${port}` }), otherPort));
  });
  test.afterAll(() => stop());
  test.use({ baseURL: address });

  test('signing out keeps the address the student used, not the configured one', async ({ page }) => {
    await signUpStudent(page, SEED.joinCode);
    await signOutLandsOnSignIn(page, address);
  });
});
