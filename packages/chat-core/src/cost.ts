import type { ModelEntry } from './models/model-entry';
import type { Usage } from './types';

const TOKENS_PER_PRICE_UNIT = 1_000_000;

// Prices are USD per 1M tokens, so tokens x price is already micro-dollars. Prices are scaled to integers first
// (they have at most 6 decimals) so the sum is exact before the single rounding.
function scaled(pricePerMillion: number): number {
  return Math.round(pricePerMillion * TOKENS_PER_PRICE_UNIT);
}

/**
 * Cost of one call in integer micro-dollars (1e-6 USD): uncached prompt tokens at the input price, cached prompt
 * tokens at the cached-input price (the input price when the model has none), completion tokens at the output
 * price. Rounded up once, at the end, never below the true cost.
 */
export function costMicros(usage: Usage, model: Pick<ModelEntry, 'prices'>): number {
  const { input, output, cachedInput } = model.prices;
  const cached = Math.min(usage.cachedTokens, usage.promptTokens);
  const scaledTotal =
    (usage.promptTokens - cached) * scaled(input) +
    cached * scaled(cachedInput ?? input) +
    usage.completionTokens * scaled(output);
  return Math.ceil(scaledTotal / TOKENS_PER_PRICE_UNIT);
}
