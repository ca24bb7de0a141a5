/**
 * Errors that say the database could not be reached (down, restarting, failing over, cut off by the network), as
 * opposed to a query it refused: node-postgres's socket errors, PostgreSQL's connection and shutdown SQLSTATEs, and
 * Prisma's "can't reach" codes, found on the error or on its causes.
 */
const UNREACHABLE_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  // admin_shutdown, crash_shutdown, cannot_connect_now, connection_exception and its kinds
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  'P1001',
  'P1002',
  'P1017',
]);
const UNREACHABLE_MESSAGE =
  /Connection terminated|connection (timeout|refused|closed)|timeout exceeded when trying to connect|Can't reach database server|server closed the connection/i;

export function isDatabaseUnreachable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && typeof current === 'object' && current !== null; depth++) {
    const { code, message, cause } = current as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
    if (typeof message === 'string' && UNREACHABLE_MESSAGE.test(message)) return true;
    current = cause;
  }
  return false;
}
