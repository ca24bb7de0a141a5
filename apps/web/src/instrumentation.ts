/**
 * Runs once as the server starts: an unusable setting (a bad proxy URL, a timeout that is not a number, no
 * DATABASE_URL) stops the server with its message instead of failing every request.
 * Besides stamping each request's client address (which must happen before Next reads the request) and taking
 * over SIGTERM (the node drains, server/shutdown.ts), it only
 * checks: Next bundles this hook apart from the routes, so services made here would be a second copy
 * whose module state (the database pool registry, error classes) the routes could not see.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { configureFromEnv } = await import('@lumi/api');
  const { stampClientAddresses, trustedProxyHops } = await import('./server/client-address');
  const { drainOnSigterm } = await import('./server/shutdown');
  try {
    configureFromEnv(process.env);
    stampClientAddresses(trustedProxyHops(process.env));
    drainOnSigterm(process.env);
  } catch (error) {
    console.error(`lumi: cannot start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
