import pg from 'pg';
import type { PrismaClient, Prisma } from './generated/prisma/client';
import { poolOf, statementModeOf } from './client';

const TIMESTAMP_OID = 1114;

/** Prisma keeps DateTime columns as UTC wall time in `timestamp(3)`: read them back as UTC whatever the node's TZ. */
const prismaTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP_OID
      ? (value: string) => new Date(`${value.replace(' ', 'T')}Z`)
      : (pg.types.getTypeParser(oid, format) as unknown)) as pg.CustomTypesConfig['getTypeParser'],
};

/** Dates go in as ISO strings: a `timestamp` column ignores the zone suffix, keeping Prisma's UTC wall time. */
const toParameter = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

/**
 * Runs one statement (written with Prisma.sql) straight on node-postgres as a named prepared statement, for the
 * hot path of a chat turn: Postgres parses and plans it once per connection instead of on every call, and the
 * node skips Prisma's query interpreter (~1 ms of CPU a query here). Rows come back with Prisma's value
 * conventions. `name` must be unique to this statement's text. Behind a transaction-mode pooler (a client made
 * with `?pgbouncer=true`) the statement goes unnamed, since a name would not survive the pooler.
 */
export async function preparedQuery<T extends pg.QueryResultRow>(
  client: PrismaClient,
  name: string,
  statement: Prisma.Sql,
): Promise<T[]> {
  const result = await poolOf(client).query<T>({
    name: statementModeOf(client) === 'named' ? name : undefined,
    text: statement.text,
    values: statement.values.map(toParameter),
    types: prismaTypes,
  });
  return result.rows;
}
