import type { Catalog, ChatProvider } from '@lumi/chat-core';
import type { Class } from '@lumi/db';

/**
 * The models a student may use. The offline demo tutor stands in for every model when no provider is
 * configured, so a fresh install works end to end.
 */
export function allowedModelsFor(catalog: Catalog, provider: ChatProvider, klass: Class | null): string[] {
  if (provider.offline) return ['lumi-demo'];
  const all = catalog
    .list()
    .filter((m) => !m.legacy && m.id !== 'lumi-demo')
    .map((m) => m.id);
  return klass && klass.allowedModels.length > 0 ? klass.allowedModels.filter((id) => catalog.get(id)) : all;
}

export function budgetScope(klass: Pick<Class, 'id'> | null): string {
  return klass?.id ?? 'personal';
}

/** A class's own daily budget; sessions outside any class get the node's personal one. */
export function dailyBudgetFor(klass: Pick<Class, 'dailyTokenBudget'> | null, personalDailyBudget: number): number {
  return klass?.dailyTokenBudget ?? personalDailyBudget;
}

/** The allowed model with the lowest input price, for work that needs no more (rolling summaries). */
export function cheapestModel(catalog: Catalog, allowed: string[]): string {
  const entries = allowed.map((id) => catalog.require(id));
  entries.sort((a, b) => a.prices.input - b.prices.input);
  return entries[0]!.id;
}
