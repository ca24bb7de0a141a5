import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { BUILTIN_MODELS } from './builtin';
import { modelEntrySchema, type ModelEntry } from './model-entry';

export const MODEL_CATALOG_ENV = 'LUMI_MODEL_CATALOG';

export class UnknownModelError extends Error {
  override readonly name = 'UnknownModelError';
  constructor(
    readonly modelId: string,
    readonly knownIds: readonly string[],
  ) {
    super(`Unknown model "${modelId}". Known models: ${knownIds.join(', ')}.`);
  }
}

export class CatalogConfigError extends Error {
  override readonly name = 'CatalogConfigError';
  constructor(
    readonly file: string,
    readonly problem: string,
  ) {
    super(`Model catalog ${file}: ${problem}`);
  }
}

export class Catalog {
  private readonly byId: ReadonlyMap<string, ModelEntry>;

  constructor(entries: readonly ModelEntry[]) {
    this.byId = new Map(entries.map((entry) => [entry.id, entry]));
  }

  get(id: string): ModelEntry | undefined {
    return this.byId.get(id);
  }

  require(id: string): ModelEntry {
    const entry = this.byId.get(id);
    if (!entry) throw new UnknownModelError(id, [...this.byId.keys()]);
    return entry;
  }

  list(): ModelEntry[] {
    return [...this.byId.values()];
  }
}

// A file entry overrides a built-in model field by field, or adds a model (then the window and output cap are
// required; everything else defaults to an OpenAI-compatible server that costs nothing, e.g. local Ollama).
const overrideSchema = modelEntrySchema.partial().extend({
  id: z.string().min(1),
  prices: modelEntrySchema.shape.prices.partial().optional(),
  capabilities: modelEntrySchema.shape.capabilities.partial().optional(),
});
const catalogFileSchema = z.strictObject({ models: z.array(overrideSchema) });
type ModelOverride = z.infer<typeof overrideSchema>;

function newModelDefaults(id: string): Omit<ModelEntry, 'contextWindow' | 'maxOutput'> {
  return {
    id,
    label: id,
    encoding: 'o200k_base',
    messageOverhead: 3,
    prices: { input: 0, output: 0, cachedInput: null },
    capabilities: { streaming: true, jsonSchema: false },
    strengths: [],
    legacy: false,
    offline: false,
  };
}

function applyOverride(base: Partial<ModelEntry> & { id: string }, override: ModelOverride): unknown {
  return {
    ...base,
    ...override,
    prices: { ...base.prices, ...override.prices },
    capabilities: { ...base.capabilities, ...override.capabilities },
  };
}

function describeIssue(issue: z.core.$ZodIssue, prefix: PropertyKey[] = []): string {
  const path = [...prefix, ...issue.path]
    .map((key, index) => (typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`))
    .join('');
  return `${path || '(root)'}: ${issue.message}`;
}

function parseCatalogFile(file: string, base: readonly ModelEntry[]): ModelEntry[] {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CatalogConfigError(file, error instanceof Error ? error.message : String(error));
  }
  const parsed = catalogFileSchema.safeParse(json);
  if (!parsed.success) throw new CatalogConfigError(file, describeIssue(parsed.error.issues[0]!));

  const merged = new Map(base.map((entry) => [entry.id, entry]));
  parsed.data.models.forEach((override, index) => {
    const existing = merged.get(override.id) ?? newModelDefaults(override.id);
    const entry = modelEntrySchema.safeParse(applyOverride(existing, override));
    if (!entry.success) throw new CatalogConfigError(file, describeIssue(entry.error.issues[0]!, ['models', index]));
    merged.set(override.id, entry.data);
  });
  return [...merged.values()];
}

/**
 * The built-in models, overridden and extended by the JSON file named by `file` or env LUMI_MODEL_CATALOG:
 * `{ "models": [{ "id": "llama3.1:8b", "contextWindow": 131072, "maxOutput": 4096 }, { "id": "gpt-4o", ... }] }`.
 */
export function loadCatalog({
  env = process.env,
  file,
}: { env?: Record<string, string | undefined>; file?: string } = {}): Catalog {
  const source = file ?? env[MODEL_CATALOG_ENV];
  return new Catalog(source ? parseCatalogFile(source, BUILTIN_MODELS) : BUILTIN_MODELS);
}
