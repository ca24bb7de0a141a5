import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { costMicros } from '../src/cost';
import { loadCatalog } from '../src/models/catalog';

const catalog = loadCatalog({ env: {} });

describe('costMicros', () => {
  it('bills uncached input, cached input and output at their own prices', () => {
    // gpt-4o: $2.50 in, $1.25 cached, $10 out per 1M tokens.
    const usage = { promptTokens: 1_000_000, cachedTokens: 400_000, completionTokens: 100_000 };
    expect(costMicros(usage, catalog.require('gpt-4o'))).toBe(1_500_000 + 500_000 + 1_000_000);
  });

  it('uses exact integer arithmetic where floating point would drift', () => {
    // gpt-4.1-nano: 2 x 0.1 + 7 x 0.4 is 3.0000000000000004 in floating point; a naive ceil would bill 4.
    expect(costMicros({ promptTokens: 2, cachedTokens: 0, completionTokens: 7 }, catalog.require('gpt-4.1-nano'))).toBe(
      3,
    );
  });

  it('rounds up once at the end, not per token class', () => {
    // gpt-5-nano: 1 uncached token = 0.05 micro, 1 cached = 0.005 micro, 1 completion = 0.4 micro: 0.455 -> 1.
    const usage = { promptTokens: 2, cachedTokens: 1, completionTokens: 1 };
    expect(costMicros(usage, catalog.require('gpt-5-nano'))).toBe(1);
  });

  it('bills cached tokens at the input price when the model has no cache discount', () => {
    const usage = { promptTokens: 1_000, cachedTokens: 1_000, completionTokens: 0 };
    expect(costMicros(usage, catalog.require('gpt-3.5-turbo'))).toBe(500);
  });

  it('is free for the offline demo tutor', () => {
    expect(
      costMicros({ promptTokens: 5_000, cachedTokens: 0, completionTokens: 900 }, catalog.require('lumi-demo')),
    ).toBe(0);
  });

  it('property: integer, never below the exact cost and less than one micro-dollar above it', () => {
    const models = catalog.list();
    fc.assert(
      fc.property(
        fc.constantFrom(...models),
        fc.nat({ max: 2_000_000 }),
        fc.nat({ max: 2_000_000 }),
        fc.nat({ max: 200_000 }),
        (model, promptTokens, cachedRaw, completionTokens) => {
          const cachedTokens = Math.min(cachedRaw, promptTokens);
          const cost = costMicros({ promptTokens, cachedTokens, completionTokens }, model);
          const { input, output, cachedInput } = model.prices;
          const exact =
            (promptTokens - cachedTokens) * input + cachedTokens * (cachedInput ?? input) + completionTokens * output;
          expect(Number.isInteger(cost)).toBe(true);
          expect(cost).toBeGreaterThanOrEqual(exact - 1e-6);
          expect(cost).toBeLessThan(exact + 1);
        },
      ),
    );
  });
});
