import { expect, test } from '@playwright/test';
import { SEED } from './fixtures';
import { seedSessions, signUpStudent, snap } from './helpers';

test('past 50 sessions "Load more" shows the rest, and it pages the search results too', async ({ page }) => {
  const email = await signUpStudent(page, SEED.joinCode);
  seedSessions(email, 65);
  await page.goto('/home');
  await page.getByRole('link', { name: /Seeded session 65/ }).click();
  await expect(page).toHaveURL(/\/chat\/[^/]+$/);

  const sessions = page.getByRole('navigation', { name: 'Sessions' });
  const links = sessions.getByRole('list').getByRole('link');
  const more = sessions.getByRole('button', { name: 'Load more' });
  await expect(links).toHaveCount(50);
  await expect(links.first()).toContainText('Seeded session 65');
  await expect(links.last()).toContainText('Seeded session 16');

  // Hold the next page back to see the loading state; the button is pressed from the keyboard.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/trpc/conversations.list?**', async (route) => {
    await held;
    await route.continue();
  });
  await more.focus();
  await page.keyboard.press('Enter');
  const loading = sessions.getByRole('button', { name: 'Loading…' });
  await expect(loading).toHaveAttribute('aria-disabled', 'true');
  await expect(loading).toBeFocused();
  await snap(page, 'sessions-loading-more');
  release();
  await expect(links).toHaveCount(65);
  await expect(links.last()).toContainText('Seeded session 01');
  await expect(links.nth(50)).toBeFocused();
  await expect(more).toBeHidden();
  await page.unroute('**/api/trpc/conversations.list?**');

  const search = sessions.getByLabel('Search sessions');
  await search.fill('session 1');
  await expect(links).toHaveCount(10);
  await expect(links.first()).toContainText('Seeded session 19');
  await expect(more).toBeHidden();

  await search.fill('seeded');
  await expect(links).toHaveCount(50);
  await more.click();
  await expect(links).toHaveCount(65);
  await expect(more).toBeHidden();
});
