import { configureFromEnv } from '@lumi/api';
import { stampClientAddresses, trustedProxyHops } from './client-address';
import { drainOnSigterm } from './shutdown';

/**
 * The Node.js server's start (instrumentation.ts): an unusable setting (a bad proxy URL, a timeout that is not a
 * number, no DATABASE_URL) stops the server with its message instead of failing every request. Besides stamping
 * each request's client address (which must happen before Next reads the request) and taking over SIGTERM (the
 * node drains, shutdown.ts), it only checks: Next bundles the hook apart from the routes, so services made here
 * would be a second copy whose module state (the database pool registry, error classes) the routes could not see.
 * Node.js only (process.exit): imported by the hook only under the Node.js runtime, so no Edge bundle holds it.
 */
export function startNode(): void {
  try {
    configureFromEnv(process.env);
    stampClientAddresses(trustedProxyHops(process.env));
    drainOnSigterm(process.env);
  } catch (error) {
    console.error(`lumi: cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
