import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type * as GlueModule from '@prisma/schema-engine-wasm/schema_engine_bg';
import type { SchemaContainer, SchemaEngine } from '@prisma/schema-engine-wasm/schema_engine_bg';
import { migrationConnections } from './adapter';
import { MigrationError } from './errors';

type Glue = typeof GlueModule;

// Node has this global; the project's lib (ES2023, no DOM) does not describe it.
declare const WebAssembly: {
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

let loaded: Promise<Glue> | undefined;

/** No tables or enums are managed outside Prisma. */
export const noFilters = { externalTables: [], externalEnums: [] };

/** The package's own entry imports the .wasm as an ES module, which Node cannot; wire it by hand, once per process. */
function loadSchemaEngine(): Promise<Glue> {
  loaded ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const glue: Glue = await import('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(path.join(path.dirname(gluePath), 'schema_engine_bg.wasm'));
    // The glue reports Rust panics through this global.
    const registry = globalThis as {
      PRISMA_WASM_PANIC_REGISTRY?: { get(): string; set_message(message: string): void };
    };
    let panicMessage = '';
    registry.PRISMA_WASM_PANIC_REGISTRY ??= {
      get: () => panicMessage,
      set_message: (message) => {
        panicMessage = message;
      },
    };
    const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': glue });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return loaded;
}

/**
 * Runs `work` with a schema engine connected to `databaseUrl`, then frees the engine and ends
 * every pool it opened (shadow databases included), whether `work` succeeded or not.
 */
export async function withSchemaEngine<T>(
  options: { databaseUrl: string; schemaFiles?: SchemaContainer[] },
  work: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const glue = await loadSchemaEngine();
  const connections = migrationConnections(options.databaseUrl);
  const datamodels = (options.schemaFiles ?? []).map((file): [string, string] => [file.path, file.content]);
  let engine: SchemaEngine | undefined;
  try {
    engine = await glue.SchemaEngine.new(
      { datamodels: datamodels.length > 0 ? datamodels : undefined },
      () => {},
      bindMigrationAwareSqlAdapterFactory(connections.factory),
    );
    return await work(engine);
  } catch (error) {
    throw MigrationError.from(error);
  } finally {
    engine?.free();
    await connections.closeAll();
  }
}
