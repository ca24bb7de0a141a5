import { createHash, timingSafeEqual } from 'node:crypto';
import type { LumiServices } from '../context';
import type { Readiness } from '../health/readiness';

const noStore = { 'cache-control': 'no-store' };

/** `GET /api/health/live`: the process answers. Restart it only when this fails; the database is not asked. */
export function handleLiveness(): Response {
  return Response.json({ status: 'ok' }, { headers: noStore });
}

/** `GET /api/health/ready`: 200 while the node should get students, 503 with the reason while it should not. */
export async function handleReadiness(check: () => Promise<Readiness>): Promise<Response> {
  const readiness = await check();
  return Response.json(readiness.ready ? { status: 'ready' } : { status: 'not ready', reason: readiness.reason }, {
    status: readiness.ready ? 200 : 503,
    headers: noStore,
  });
}

/**
 * `GET /api/metrics`: Prometheus text for a scraper holding LUMI_METRICS_TOKEN as a bearer token. Without the
 * setting the route does not exist (404); a missing or wrong token gets 401. Students' sessions open nothing here.
 */
export async function handleMetrics(
  request: Request,
  services: LumiServices,
  token = process.env.LUMI_METRICS_TOKEN,
): Promise<Response> {
  if (!token) return new Response('Not found\n', { status: 404, headers: noStore });
  if (!sameSecret(request.headers.get('authorization') ?? '', `Bearer ${token}`)) {
    return new Response('A bearer token is needed\n', {
      status: 401,
      headers: { ...noStore, 'www-authenticate': 'Bearer realm="lumi-metrics"' },
    });
  }
  const { registry } = services.metrics;
  return new Response(await registry.metrics(), { headers: { ...noStore, 'content-type': registry.contentType } });
}

/** Compared as digests, so neither the length nor a matching prefix of the token shows in the timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
