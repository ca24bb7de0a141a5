/**
 * Runs once as the server starts: under Node.js, server/start-node.ts checks the configuration (an unusable setting
 * stops the server with its message), stamps client addresses and takes over SIGTERM.
 * Next also bundles this hook for the Edge runtime, where NEXT_RUNTIME is 'edge' at build time: the import below
 * sits in a branch that bundle drops, so Node-only code (process.exit) stays out of it. Keep it that way: an early
 * `return` for the other runtime does not drop what follows.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startNode } = await import('./server/start-node');
    startNode();
  }
}
