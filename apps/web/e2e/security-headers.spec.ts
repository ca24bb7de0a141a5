import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { SEED } from './fixtures';
import { scriptNextReply, sendMessage, signUpStudent, startSession, tutorReplies } from './helpers';

// Issue 11 item 7: no Content-Security-Policy, no framing protection, no nosniff or Referrer-Policy, and
// X-Powered-By was sent. Pages now carry a strict nonce policy that KaTeX and highlighted code live with.

test('a reply with maths and code renders under the strict policy, with no violation', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
  });
  // Reported by the page itself for every blocked script, style or frame, console or not.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });

  await signUpStudent(page, SEED.joinCode);
  await startSession(page, 'Maths');
  await scriptNextReply({
    reply:
      'The area is\n\n$$\n\\frac{1}{2}ab\\sin C\n$$\n\nand in code:\n\n```python\ndef area(a, b, c):\n    return a * b\n```',
    delayMs: 10,
  });
  await sendMessage(page, 'Area of a triangle?');
  const reply = tutorReplies(page).last();
  await expect(reply).toHaveAttribute('data-status', 'COMPLETE');
  await expect(reply.locator('.katex-display .katex')).toBeVisible();
  // KaTeX's own stylesheet and its inline layout applied: the fraction is drawn, not printed as text.
  await expect(reply.locator('.katex .mfrac')).toBeVisible();
  expect(await reply.locator('.katex-mathml').evaluate((e) => getComputedStyle(e).position)).toBe('absolute');
  await expect(reply.locator('code.hljs .hljs-keyword').first()).toHaveText('def');
  expect(
    await reply
      .locator('code.hljs .hljs-keyword')
      .first()
      .evaluate((e) => getComputedStyle(e).color),
  ).not.toBe(await reply.locator('code.hljs').evaluate((e) => getComputedStyle(e).color));

  await page.reload();
  await expect(tutorReplies(page).last().locator('.katex-display')).toBeVisible();
  expect(violations).toEqual([]);
});

test('pages send the security headers, with a new nonce each time, and no X-Powered-By', async ({ request }) => {
  const first = await request.get('/sign-in');
  const second = await request.get('/sign-in');
  const policy = first.headers()['content-security-policy'];
  expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toContain("object-src 'none'");
  expect(policy).not.toContain('unsafe-eval');
  expect(second.headers()['content-security-policy']).not.toBe(policy);
  // Every script tag the page carries has the nonce.
  const nonce = /'nonce-([^']+)'/.exec(policy!)![1]!;
  const html = await first.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

  for (const response of [first, await request.get('/api/health/live')]) {
    const headers = response.headers();
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('same-origin');
    expect(headers['x-powered-by']).toBeUndefined();
  }
});

test("a signed-in student's /home cannot be framed by another site", async ({ page, baseURL }) => {
  await signUpStudent(page, SEED.joinCode);
  const refusals: string[] = [];
  page.on('console', (message) => refusals.push(message.text()));
  // Another port of the same host: the same site, so the student's cookie goes along to the framed page.
  const attacker = createServer((_, response) => {
    response.writeHead(200, { 'content-type': 'text/html' });
    response.end(`<h1>Win a prize</h1><iframe id="lumi" src="${baseURL}/home"></iframe>`);
  });
  await new Promise<void>((resolve) => attacker.listen(0, new URL(baseURL!).hostname, resolve));
  try {
    const { port } = attacker.address() as AddressInfo;
    await page.goto(`http://${new URL(baseURL!).hostname}:${port}/`);
    await expect(page.getByRole('heading', { name: 'Win a prize' })).toBeVisible();
    await expect.poll(() => refusals.join('\n')).toMatch(/frame-ancestors|X-Frame-Options/);
    await expect(page.frameLocator('#lumi').getByRole('heading', { name: /Welcome/ })).toHaveCount(0);
  } finally {
    attacker.close();
  }
});
