import type { BrowserContext } from '@playwright/test';
import { e2ePort } from './ports';
import { PIN_COOKIE } from '../../../scripts/lib/topology/nginx';

/**
 * Which servers the browser tests run against. `balanced` (what `npm test` chooses where nginx is installed, as on
 * CI): two nodes behind nginx, round robin, with their queries through PgBouncer when E2E_DIRECT_DATABASE_SERVER
 * says where PostgreSQL itself is. `single`: one node, straight to the database.
 */
export const BALANCED = process.env.E2E_TOPOLOGY === 'balanced';

/** The nodes' ports: behind nginx (which listens on E2E_APP_PORT) in the balanced topology. */
export function nodePorts(appPort: number): number[] {
  return BALANCED ? [e2ePort('nodeA'), e2ePort('nodeB')] : [appPort];
}

/** The running nodes' ports (read when called: playwright.config.ts sets E2E_APP_PORT). */
export function nodes(): number[] {
  return nodePorts(Number(process.env.E2E_APP_PORT));
}

/** Sends this browser's next requests to one node, as a balancer without sticky sessions may. */
export async function pinTo(context: BrowserContext, port: number) {
  await context.addCookies([
    { name: PIN_COOKIE, value: String(port), url: `http://127.0.0.1:${process.env.E2E_APP_PORT}` },
  ]);
}
