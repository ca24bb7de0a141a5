import {
  DummyDriver,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  sql,
  type Compilable,
  type RawBuilder,
} from 'kysely';
import pg from 'pg';
import type { DB } from './generated/kysely/types';
import type { Prisma, PrismaClient } from './generated/prisma/client';
import { poolOf, statementModeOf } from './client';

/**
 * Kysely over Lumi's tables (types generated from prisma/schema.prisma by prisma-kysely), used only to write and
 * compile statements: it never connects (the DummyDriver), so statements run on the Prisma client's own pool.
 */
export type Db = Kysely<DB>;
export const qb: Db = new Kysely<DB>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
});

/** A statement's parameters as SQL values: each becomes a `$n` filled in from the arguments on every run. */
export type Params<A> = { readonly [K in keyof A]: RawBuilder<A[K]> };
/** The arguments a statement built over `Params<A>` takes. */
export type ArgsOf<P> = { [K in keyof P]: P[K] extends RawBuilder<infer T> ? T : never };

/** Where a parameter sits in the compiled statement; any other value there is a constant of the statement. */
class Slot {
  constructor(readonly name: string) {}
}

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

export interface Statement<A, O> {
  readonly name: string;
  readonly text: string;
  /**
   * Runs on the client's pool as a named prepared statement: Postgres parses and plans it once per connection, and
   * the node skips Prisma's query interpreter (~1 ms of CPU a query here). Rows come back with Prisma's value
   * conventions. Behind a transaction-mode pooler (a client made with `?pgbouncer=true`) it goes unnamed, since a
   * name would not survive the pooler.
   */
  run(client: PrismaClient, args: A): Promise<O[]>;
  /** Runs inside a Prisma transaction (unprepared), for a caller whose other writes share it; the rows changed. */
  execute(db: PrismaClient | Prisma.TransactionClient, args: A): Promise<number>;
}

/**
 * A statement written with Kysely over the schema's types (or, for SQL the builder cannot say, its `sql` template)
 * and compiled once, when the module loads; `name` must be unique to it. `build` gets the query builder and the parameters, typed by annotating them (`p: Params<{ id:
 * string }>`); the rows are typed by the query itself.
 */
export function prepareStatement<P extends Params<Record<string, unknown>>, O>(
  name: string,
  build: (db: Db, p: P) => Compilable<O> | RawBuilder<O>,
): Statement<ArgsOf<P>, O> {
  const slots = new Proxy({} as P, { get: (_, key) => sql`${new Slot(String(key))}` });
  const query = build(qb, slots);
  const { sql: text, parameters } = 'isRawBuilder' in query ? query.compile(qb) : query.compile();
  const values = (args: ArgsOf<P>) =>
    parameters.map((value) =>
      toParameter(value instanceof Slot ? (args as Record<string, unknown>)[value.name] : value),
    );
  return {
    name,
    text,
    async run(client, args) {
      const result = await poolOf(client).query<O & pg.QueryResultRow>({
        name: statementModeOf(client) === 'named' ? name : undefined,
        text,
        values: values(args),
        types: prismaTypes,
      });
      return result.rows;
    },
    execute: (db, args) => db.$executeRawUnsafe(text, ...values(args)),
  };
}

export { sql, type Expression, type Insertable, type RawBuilder, type Selectable } from 'kysely';
export { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
export type { DB };
