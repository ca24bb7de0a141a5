import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import { envInteger } from '@lumi/chat-core';

/** The one header the app reads a client's address from; set by this node for every request, never by a client. */
export const CLIENT_ADDRESS_HEADER = 'x-lumi-client-address';

/** LUMI_TRUSTED_PROXY_HOPS: how many proxies of our own (load balancers) stand between clients and this node. */
export function trustedProxyHops(env: NodeJS.ProcessEnv): number {
  return envInteger(env, 'LUMI_TRUSTED_PROXY_HOPS', 0, 10) ?? 0;
}

/**
 * The client's address: the socket's peer, or with `hops` trusted proxies in front, the address the outermost of
 * them saw. Each proxy appends its peer to X-Forwarded-For, so only the last `hops` entries are ours; anything
 * left of them was written by the client and is never believed.
 */
export function clientAddress(forwardedFor: string | undefined, peer: string | undefined, hops: number): string | null {
  const chain = [
    ...(forwardedFor ?? '')
      .split(',')
      .map((hop) => hop.trim())
      .filter(Boolean),
    ...(peer ? [peer] : []),
  ];
  // Fewer entries than trusted hops means a proxy did not forward: the leftmost is the best there is.
  const address = chain[Math.max(0, chain.length - 1 - hops)];
  return address ? address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '') : null;
}

/**
 * Stamps CLIENT_ADDRESS_HEADER on every request this process serves, before Next sees it. Next keeps a client's own
 * X-Forwarded-For and adds the socket's address only when there is none, so the socket is read here, through
 * Node's diagnostics channel for incoming requests (published before the server's request listeners run).
 * Returns what stops it.
 */
export function stampClientAddresses(hops: number): () => void {
  const stamp = (message: unknown) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    const forwarded = request.headers['x-forwarded-for'];
    const address = clientAddress(
      Array.isArray(forwarded) ? forwarded.join(',') : forwarded,
      socket.remoteAddress,
      hops,
    );
    if (address) request.headers[CLIENT_ADDRESS_HEADER] = address;
    else delete request.headers[CLIENT_ADDRESS_HEADER];
  };
  subscribe(REQUEST_START, stamp);
  return () => unsubscribe(REQUEST_START, stamp);
}

const REQUEST_START = 'http.server.request.start';
