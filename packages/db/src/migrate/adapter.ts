import { PrismaPg } from '@prisma/adapter-pg';
import {
  DriverAdapterError,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { createDatabase, dropDatabase, uniqueDatabaseName } from './databases';

const CHAR_OID = 18;
const TEXT_OID = 25;

function reportCharAsText<T>(result: T): T {
  const fields = (result as { fields?: { dataTypeID: number }[] } | undefined)?.fields;
  for (const field of fields ?? []) {
    if (field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
  }
  return result;
}

/**
 * adapter-pg 7.10.1 throws on Postgres' internal `"char"` type, which the engine's schema
 * describer reads from pg_catalog (relkind, contype, ...). Its values are plain text, so every
 * result is relabelled before the adapter sees it: pooled queries arrive with a callback,
 * transaction queries as promises.
 */
class CharAsTextClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg's overloads cannot be restated one by one
  override query(...args: any[]): any {
    const callbackAt = args.findIndex((arg) => typeof arg === 'function');
    if (callbackAt >= 0) {
      const callback = args[callbackAt] as (error: unknown, result: unknown) => void;
      args[callbackAt] = (error: unknown, result: unknown) =>
        callback(error, error ? result : reportCharAsText(result));
      return super.query(...(args as Parameters<pg.Client['query']>));
    }
    const returned: unknown = super.query(...(args as Parameters<pg.Client['query']>));
    return returned instanceof Promise ? returned.then(reportCharAsText) : returned;
  }
}

function toDriverAdapterError(error: unknown): unknown {
  if (!(error instanceof pg.DatabaseError)) return error;
  return new DriverAdapterError({
    kind: 'postgres',
    code: error.code ?? 'unknown',
    severity: error.severity ?? 'ERROR',
    message: error.message,
    detail: error.detail,
    column: error.column,
    hint: error.hint,
  });
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= fn());
}

async function connectMigrationAdapter(
  connectionString: string,
  afterDispose?: () => Promise<void>,
): Promise<SqlDriverAdapter> {
  // One session: the engine's session-level advisory lock and unlock must meet on the same
  // connection. Idle connections never time out, so the lock is not dropped mid-run; the pool
  // is ended explicitly in dispose.
  const pool = new pg.Pool({ connectionString, Client: CharAsTextClient, max: 1, idleTimeoutMillis: 0 });
  const adapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
  // adapter-pg splits scripts on ';' (breaking `$$` bodies and string literals) and runs the
  // pieces one by one. One simple-protocol query runs the whole file as one implicit
  // transaction, so a failing migration leaves nothing half-applied.
  adapter.executeScript = async (script) => {
    try {
      await pool.query(script);
    } catch (error) {
      throw toDriverAdapterError(error);
    }
  };
  const disposeAdapter = adapter.dispose.bind(adapter);
  adapter.dispose = once(async () => {
    await disposeAdapter();
    await afterDispose?.();
  });
  return adapter;
}

export interface MigrationConnections {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** Disposes every adapter the engine opened, dropping shadow databases; safe to call once the engine is freed. */
  closeAll(): Promise<void>;
}

/**
 * Connections for the schema engine: the main database, and shadow databases created as
 * throwaway databases on the same server (adapter-pg's own shadow pool points at the main
 * database and drops the shadow before closing its pool).
 */
export function migrationConnections(databaseUrl: string): MigrationConnections {
  const opened: SqlDriverAdapter[] = [];
  const track = (adapter: SqlDriverAdapter) => {
    opened.push(adapter);
    return adapter;
  };
  const factory: SqlMigrationAwareDriverAdapterFactory = {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: async () => track(await connectMigrationAdapter(databaseUrl)),
    connectToShadowDb: async () => {
      const name = uniqueDatabaseName('lumi_shadow');
      const shadowUrl = await createDatabase(databaseUrl, name);
      return track(await connectMigrationAdapter(shadowUrl, () => dropDatabase(databaseUrl, name)));
    },
  };
  return {
    factory,
    closeAll: async () => {
      const results = await Promise.allSettled(opened.map((adapter) => adapter.dispose()));
      const failure = results.find((result) => result.status === 'rejected');
      if (failure) throw failure.reason;
    },
  };
}
