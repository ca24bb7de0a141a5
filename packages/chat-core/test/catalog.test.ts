import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogConfigError, loadCatalog, UnknownModelError } from '../src/models/catalog';

const dir = mkdtempSync(join(tmpdir(), 'lumi-catalog-'));
function catalogFile(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('built-in catalog', () => {
  const catalog = loadCatalog({ env: {} });

  it('ships current OpenAI models with public prices and windows', () => {
    expect(catalog.require('gpt-4o-mini').prices).toEqual({ input: 0.15, output: 0.6, cachedInput: 0.075 });
    expect(catalog.require('gpt-5').prices).toEqual({ input: 1.25, output: 10, cachedInput: 0.125 });
    expect(catalog.require('gpt-4.1').contextWindow).toBe(1_047_576);
    expect(catalog.require('gpt-5-mini')).toMatchObject({
      contextWindow: 400_000,
      maxOutput: 128_000,
      encoding: 'o200k_base',
    });
    expect(catalog.require('gpt-3.5-turbo')).toMatchObject({
      contextWindow: 16_385,
      maxOutput: 4_096,
      encoding: 'cl100k_base',
      legacy: true,
    });
    expect(catalog.require('lumi-demo')).toMatchObject({ offline: true, prices: { input: 0, output: 0 } });
    expect(catalog.list().map((m) => m.id)).toEqual(
      expect.arrayContaining(['gpt-4o', 'gpt-4.1-mini', 'gpt-4.1-nano', 'gpt-5-nano', 'gpt-3.5-turbo-16k']),
    );
  });

  it('get returns undefined and require names the unknown model and the known ones', () => {
    expect(catalog.get('gpt-9')).toBeUndefined();
    expect(() => catalog.require('gpt-9')).toThrow(UnknownModelError);
    expect(() => catalog.require('gpt-9')).toThrow(/Unknown model "gpt-9".*gpt-4o-mini/);
  });
});

describe('catalog file (LUMI_MODEL_CATALOG)', () => {
  it('adds models for OpenAI-compatible servers with sensible defaults', () => {
    const file = catalogFile('add.json', {
      models: [{ id: 'llama3.1:8b', label: 'Llama 3.1 8B (Ollama)', contextWindow: 131_072, maxOutput: 4_096 }],
    });
    const catalog = loadCatalog({ env: { LUMI_MODEL_CATALOG: file } });
    expect(catalog.require('llama3.1:8b')).toMatchObject({
      encoding: 'o200k_base',
      contextWindow: 131_072,
      prices: { input: 0, output: 0, cachedInput: null },
      legacy: false,
    });
    expect(catalog.get('gpt-4o')).toBeDefined();
  });

  it('overrides a built-in model field by field (e.g. an Azure deployment price)', () => {
    const file = catalogFile('override.json', { models: [{ id: 'gpt-4o', prices: { input: 2.75 } }] });
    const gpt4o = loadCatalog({ file }).require('gpt-4o');
    expect(gpt4o.prices).toEqual({ input: 2.75, output: 10, cachedInput: 1.25 });
    expect(gpt4o.contextWindow).toBe(128_000);
  });

  it('prefers an explicit file over the environment', () => {
    const envFile = catalogFile('env.json', { models: [{ id: 'from-env', contextWindow: 1000, maxOutput: 100 }] });
    const explicit = catalogFile('explicit.json', {
      models: [{ id: 'explicit', contextWindow: 1000, maxOutput: 100 }],
    });
    const catalog = loadCatalog({ env: { LUMI_MODEL_CATALOG: envFile }, file: explicit });
    expect(catalog.get('explicit')).toBeDefined();
    expect(catalog.get('from-env')).toBeUndefined();
  });

  it.each([
    [
      'bad-type.json',
      { models: [{ id: 'x', contextWindow: 'big', maxOutput: 10 }] },
      /bad-type\.json: models\[0\]\.contextWindow/,
    ],
    [
      'missing.json',
      {
        models: [
          { id: 'ok', contextWindow: 10, maxOutput: 1 },
          { id: 'new-model', maxOutput: 10 },
        ],
      },
      /missing\.json: models\[1\]\.contextWindow/,
    ],
    [
      'unknown-key.json',
      { models: [{ id: 'gpt-4o', contextWindo: 5 }] },
      /unknown-key\.json: models\[0\].*contextWindo/,
    ],
    [
      'bad-encoding.json',
      { models: [{ id: 'gpt-4o', encoding: 'p50k' }] },
      /bad-encoding\.json: models\[0\]\.encoding/,
    ],
    ['not-json.json', '{ models: ', /not-json\.json: /],
  ])('rejects %s with an error naming the file and the field', (name, content, message) => {
    const file = catalogFile(name, content);
    expect(() => loadCatalog({ file })).toThrow(CatalogConfigError);
    expect(() => loadCatalog({ file })).toThrow(message);
  });

  it('names a file that does not exist', () => {
    expect(() => loadCatalog({ file: join(dir, 'nope.json') })).toThrow(/nope\.json/);
  });
});
