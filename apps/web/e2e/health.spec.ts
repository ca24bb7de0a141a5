import { expect, test } from '@playwright/test';
import { METRICS_TOKEN } from './fixtures';
import { signUpStudent } from './helpers';
import { BALANCED, nodes } from './topology';

// Probes a load balancer or orchestrator asks, and the metrics a scraper reads; none of it is for students.
test('liveness and readiness answer for a node whose database is migrated', async ({ request }) => {
  const live = await request.get('/api/health/live');
  expect(live.status()).toBe(200);
  const ready = await request.get('/api/health/ready');
  expect(ready.status()).toBe(200);
  expect(await ready.json()).toEqual({ status: 'ready' });
});

test('metrics need the scraper token: a signed-in student gets nothing', async ({ page }) => {
  await signUpStudent(page, 'E2EJOIN1');
  // The scraper asks a node itself; behind the balancer the route does not exist, token or not.
  const node = `http://127.0.0.1:${nodes()[0]}`;
  if (BALANCED) {
    const outside = await page.request.get('/api/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(outside.status()).toBe(404);
  }
  // The page's own request context carries the student's session cookie (cookies do not depend on the port).
  const asStudent = await page.request.get(`${node}/api/metrics`);
  expect(asStudent.status()).toBe(401);
  expect(await asStudent.text()).not.toContain('lumi_');
  const wrong = await page.request.get(`${node}/api/metrics`, { headers: { authorization: 'Bearer guess' } });
  expect(wrong.status()).toBe(401);

  const scraped = await page.request.get(`${node}/api/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  expect(scraped.status()).toBe(200);
  const text = await scraped.text();
  expect(text).toContain('lumi_replies_in_flight');
  expect(text).toMatch(/lumi_db_pool_connections\{state="max"\} \d+/);
});
