import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS_HEADER, clientAddress, stampClientAddresses } from '../src/server/client-address';

describe('clientAddress', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.7', 0)).toBe('198.51.100.7');
    expect(clientAddress(undefined, '::ffff:198.51.100.7', 0)).toBe('198.51.100.7');
  });

  it('is what the outermost trusted proxy saw, never an entry the client wrote', () => {
    // The client wrote 203.0.113.9; nginx appended the address it saw (192.0.2.50) and connected from 10.0.0.2.
    expect(clientAddress('203.0.113.9, 192.0.2.50', '10.0.0.2', 1)).toBe('192.0.2.50');
    expect(clientAddress('203.0.113.9, 192.0.2.50, 10.0.0.3', '10.0.0.2', 2)).toBe('192.0.2.50');
  });

  it('falls back to the leftmost entry when fewer proxies forwarded than are trusted', () => {
    expect(clientAddress(undefined, '10.0.0.2', 1)).toBe('10.0.0.2');
    expect(clientAddress(undefined, undefined, 0)).toBeNull();
  });
});

describe('stampClientAddresses', () => {
  let stop = () => {};
  afterEach(() => stop());

  async function seenBy(hops: number, headers: Record<string, string>): Promise<string | undefined> {
    stop = stampClientAddresses(hops);
    const server = http.createServer((request, response) => response.end(request.headers[CLIENT_ADDRESS_HEADER]));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { headers });
      return await response.text();
    } finally {
      server.close();
    }
  }

  it('replaces whatever a client sends, in either header, with the socket address', async () => {
    expect(await seenBy(0, { 'x-forwarded-for': '203.0.113.9', [CLIENT_ADDRESS_HEADER]: '203.0.113.10' })).toBe(
      '127.0.0.1',
    );
  });

  it('behind one trusted proxy takes the entry that proxy appended', async () => {
    expect(await seenBy(1, { 'x-forwarded-for': '203.0.113.9, 192.0.2.50' })).toBe('192.0.2.50');
  });
});
