import type { Catalog, ChatProvider } from '@lumi/chat-core';
import type { Class } from '@lumi/db';

/**
 * Every model a class may allow (a teacher's choice) or an admin may open to personal sessions. The offline demo
 * tutor stands in for every model when no provider is configured, so a fresh install works end to end.
 */
export function catalogModels(catalog: Catalog, provider: ChatProvider): string[] {
  if (provider.offline) return ['lumi-demo'];
  return catalog
    .list()
    .filter((m) => !m.legacy && m.id !== 'lumi-demo')
    .map((m) => m.id);
}

/** Output price (USD per million tokens) up to which a model is in the default set for personal sessions. */
const CHEAP_OUTPUT_PRICE = 2;

/**
 * The models of sessions outside any class: the admin's choice (InstallationSettings.personalModels) of those still
 * in the catalog, or, without one, the cheap ones (output at most $2 per million tokens: the mini and nano models),
 * or at least the cheapest. Nobody's own sessions reach the expensive models unless an admin opens them.
 */
export function personalModelsFor(catalog: Catalog, provider: ChatProvider, chosen: readonly string[]): string[] {
  const all = catalogModels(catalog, provider);
  const kept = provider.offline ? [] : chosen.filter((id) => all.includes(id));
  if (kept.length > 0) return kept;
  const cheap = all.filter((id) => catalog.require(id).prices.output <= CHEAP_OUTPUT_PRICE);
  return cheap.length > 0 ? cheap : [cheapestModel(catalog, all)];
}

/**
 * The models a student may use: the class's (empty meaning every catalog model), or outside any class the personal
 * set, from the admin's `personalChoice`.
 */
export function allowedModelsFor(
  catalog: Catalog,
  provider: ChatProvider,
  klass: Pick<Class, 'allowedModels'> | null,
  personalChoice: readonly string[],
): string[] {
  if (!klass) return personalModelsFor(catalog, provider, personalChoice);
  const all = catalogModels(catalog, provider);
  if (provider.offline) return all;
  return klass.allowedModels.length > 0 ? klass.allowedModels.filter((id) => catalog.get(id)) : all;
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
