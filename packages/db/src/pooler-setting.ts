/** Prisma's convention: `?pgbouncer=true` on a URL says a transaction-mode pooler is at the other end. */
const POOLER_PARAMETER = 'pgbouncer';

/** The URL without the pooler parameter (PostgreSQL does not know it), and whether it was set. */
export function readPoolerSetting(connectionString: string): { url: string; pooled: boolean } {
  let parsed: URL;
  try {
    parsed = new URL(connectionString);
  } catch {
    return { url: connectionString, pooled: false };
  }
  const value = parsed.searchParams.get(POOLER_PARAMETER);
  if (value === null) return { url: connectionString, pooled: false };
  parsed.searchParams.delete(POOLER_PARAMETER);
  return { url: parsed.toString(), pooled: value === 'true' || value === '1' };
}
