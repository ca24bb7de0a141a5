import type { Server } from 'node:http';
import { envInteger } from '@lumi/chat-core';
import type { GenerationRegistry } from '../chat/generation';

/**
 * Kept on globalThis, not in this module: Next bundles its instrumentation hook (which hears SIGTERM) apart from
 * the routes (which refuse sends and answer readiness), each with its own copy of this module.
 */
const DRAINING = Symbol.for('lumi.draining');
type Holder = { [DRAINING]?: boolean };

/** True once this node has begun shutting down: it finishes its replies but takes no new chat turns. */
export function isDraining(): boolean {
  return (globalThis as Holder)[DRAINING] === true;
}

/** LUMI_DRAIN_MS: how long a node stopping finishes the replies it is generating before it exits anyway. */
export function drainMs(env: NodeJS.ProcessEnv): number {
  return envInteger(env, 'LUMI_DRAIN_MS', 0, 3_600_000) ?? 25_000;
}

export interface DrainOptions {
  /** The replies this node generates; undefined while no request has made the node's services yet. */
  generations: () => GenerationRegistry | undefined;
  /** The node's HTTP server, once known: closed after the replies end so in-flight answers finish first. */
  server: () => Server | undefined;
  ms: number;
}

/**
 * Drains the node: from now on readiness answers 503 (a balancer takes the node out) and chat sends are refused
 * with a retryable error (the browser sends again, reaching another node). Replies already running are finished and
 * saved; then the server stops listening and finishes the requests it has (the last events of those replies).
 * Resolves when all that is done, or after `ms` whatever is still running (a reply left then is closed by a live
 * node's sweep for orphaned replies).
 */
export async function drain(options: DrainOptions): Promise<void> {
  (globalThis as Holder)[DRAINING] = true;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, options.ms)));
  const graceful = async () => {
    await options.generations()?.drain();
    const server = options.server();
    if (!server) return;
    // Keep-alive connections (a balancer holds some open) would otherwise hold the close until they time out.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    clearInterval(idle);
  };
  await Promise.race([graceful(), deadline]);
  clearTimeout(timer);
}
