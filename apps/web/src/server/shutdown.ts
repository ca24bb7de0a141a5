import { subscribe } from 'node:diagnostics_channel';
import type { Server } from 'node:http';
import { drain, drainMs } from '@lumi/api';
import { runningServices } from './services';

/**
 * SIGTERM (docker stop, Kubernetes, a deploy) drains the node (see drain in @lumi/api) and then exits. Next's own
 * handler would stop listening at once, so readiness could not answer 503 while the balancer still sends, and the
 * replies, which run detached from their requests, would be cut off when the last response ended.
 */
export function drainOnSigterm(env: NodeJS.ProcessEnv) {
  const ms = drainMs(env);
  let server: Server | undefined;
  // The server is Next's; the first request it serves names it.
  subscribe('http.server.request.start', (message) => (server ??= (message as { server: Server }).server));
  for (const listener of process.listeners('SIGTERM')) process.off('SIGTERM', listener);
  process.once('SIGTERM', () => {
    console.log(`lumi: draining: finishing replies in flight (up to ${ms} ms), then exiting`);
    void drain({ generations: () => runningServices()?.generations, server: () => server, ms }).finally(() =>
      process.exit(0),
    );
  });
}
