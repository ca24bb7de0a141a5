// Tiny local proxies for tests: an HTTP CONNECT proxy and a SOCKS5 proxy (no auth, CONNECT only).
import { createServer as createHttpServer } from 'node:http';
import { connect, createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';

export interface TestProxy {
  url: string;
  /** host:port of every tunnel the proxy opened, in order. */
  tunnels: string[];
  close(): Promise<void>;
}

function tunnel(
  client: Socket,
  host: string,
  port: number,
  sockets: Set<Socket>,
  onOpen: (upstream: Socket) => void,
): void {
  const upstream = connect(port, host, () => onOpen(upstream));
  for (const socket of [client, upstream]) {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  }
  upstream.on('error', () => client.destroy());
  client.on('error', () => upstream.destroy());
}

async function listen(server: Server, sockets: Set<Socket>, scheme: string, tunnels: string[]): Promise<TestProxy> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    tunnels,
    close: () =>
      new Promise<void>((resolve) => {
        // Tunnelled sockets are detached from the server; end them ourselves or close() waits for them.
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

export async function startConnectProxy(): Promise<TestProxy> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const server = createHttpServer((_req, res) => res.writeHead(405).end('CONNECT only'));
  server.on('connect', (req, client: Socket, head: Buffer) => {
    const target = req.url ?? '';
    tunnels.push(target);
    const [host = '', port = '443'] = target.split(/:(?=\d+$)/);
    tunnel(client, host, Number(port), sockets, (upstream) => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
  });
  return listen(server, sockets, 'http', tunnels);
}

export async function startSocks5Proxy(): Promise<TestProxy> {
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  const server = createTcpServer((client) => {
    client.on('error', () => client.destroy());
    // Greeting: VER NMETHODS METHODS...; answer "no authentication".
    client.once('data', () => {
      client.write(Buffer.from([5, 0]));
      // Request: VER CMD RSV ATYP DST.ADDR DST.PORT (each arrives in one packet on loopback).
      client.once('data', (request: Buffer) => {
        const atyp = request[3];
        let host: string;
        let offset: number;
        if (atyp === 1) {
          host = [...request.subarray(4, 8)].join('.');
          offset = 8;
        } else if (atyp === 3) {
          const length = request[4]!;
          host = request.subarray(5, 5 + length).toString('utf8');
          offset = 5 + length;
        } else {
          client.end(Buffer.from([5, 8, 0, 1, 0, 0, 0, 0, 0, 0]));
          return;
        }
        const port = request.readUInt16BE(offset);
        tunnels.push(`${host}:${port}`);
        tunnel(client, host, port, sockets, (upstream) => {
          client.write(Buffer.from([5, 0, 0, 1, 0, 0, 0, 0, 0, 0]));
          upstream.pipe(client).pipe(upstream);
        });
      });
    });
  });
  return listen(server, sockets, 'socks5', tunnels);
}
