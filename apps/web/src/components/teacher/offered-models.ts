export interface OfferedModel {
  id: string;
  label: string;
  /** Per token, in US dollars; null for a model this server's catalog does not know. */
  prices: { input: number; output: number } | null;
}

/**
 * The models the class settings offer: this server's catalog, then any model the class allows that the catalog
 * lacks, by its id. Without a model provider the catalog is the offline demo tutor alone, and the class's saved
 * models (and its default) would otherwise vanish from the form, leaving "Default model" blank.
 */
export function offeredModels(catalog: OfferedModel[], allowed: string[]): OfferedModel[] {
  const known = new Set(catalog.map((m) => m.id));
  return [...catalog, ...allowed.filter((id) => !known.has(id)).map((id) => ({ id, label: id, prices: null }))];
}
