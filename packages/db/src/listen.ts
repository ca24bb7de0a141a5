import pg from 'pg';
import type { PrismaClient } from './generated/prisma/client';
import { directUrlOf, poolOf } from './client';

const RECONNECT_MS = 1_000;
const HEALTH_CHECK_MS = 30_000;

export interface Listener {
  /** Resolves once the first LISTEN is in place (a notification sent before then is not heard). */
  ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * Postgres LISTEN on `channel`, over a connection of its own to the client's direct URL (a pooled one would be held
 * for good, and a transaction pooler does not keep LISTEN at all), reconnecting
 * after a failure such as a database restart. A listening connection sends nothing, so one dropped without a
 * close (a NAT or firewall forgetting it) would go deaf unnoticed: it is checked every `healthCheckMs`, and an
 * answer slower than half of that counts as a failure. Notifications sent while it is down are lost, so callers
 * keep a slower path that does not depend on them.
 */
export function listen(
  client: PrismaClient,
  channel: string,
  onPayload: (payload: string) => void,
  { healthCheckMs = HEALTH_CHECK_MS } = {},
): Listener {
  // Straight to PostgreSQL: a transaction pooler would hand the LISTEN's session to other clients.
  const options = { ...poolOf(client).options, connectionString: directUrlOf(client), keepAlive: true };
  let closed = false;
  let current: pg.Client | null = null;
  let retry: NodeJS.Timeout | undefined;
  let health: NodeJS.Timeout | undefined;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const connect = () => {
    const connection = new pg.Client(options);
    current = connection;
    const reconnect = () => {
      if (closed || current !== connection) return;
      current = null;
      clearInterval(health);
      connection.end().catch(() => {});
      retry = setTimeout(connect, RECONNECT_MS);
    };
    const check = () => {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise(
        (_, reject) => (timer = setTimeout(() => reject(new Error('no answer')), healthCheckMs / 2)),
      );
      Promise.race([connection.query('SELECT 1'), late])
        .catch(reconnect)
        .finally(() => clearTimeout(timer));
    };
    connection.on('error', reconnect);
    connection.on('end', reconnect);
    connection.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
    });
    connection
      .connect()
      .then(() => connection.query(`LISTEN ${pg.escapeIdentifier(channel)}`))
      .then(() => {
        if (current !== connection) return;
        health = setInterval(check, healthCheckMs);
        markReady();
      }, reconnect);
  };
  connect();

  return {
    ready,
    async close() {
      closed = true;
      clearTimeout(retry);
      clearInterval(health);
      await current?.end().catch(() => {});
    },
  };
}
