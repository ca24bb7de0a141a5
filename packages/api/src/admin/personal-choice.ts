import type { Class } from '@lumi/db';
import type { LumiServices } from '../context';
import { allowedModelsFor } from '../chat/class-policy';

/**
 * The admin's choice of models for sessions outside any class (empty: Lumi's cheap default set). Read on each
 * personal turn, so a change applies on every node at once.
 */
export async function personalChoice(services: Pick<LumiServices, 'db'>): Promise<string[]> {
  const settings = await services.db.installationSettings.findUnique({
    where: { id: 1 },
    select: { personalModels: true },
  });
  return settings?.personalModels ?? [];
}

/** The models a student may use in a class's session, or in their own (the admin's choice); class turns read nothing. */
export async function studentModels(
  services: Pick<LumiServices, 'db' | 'catalog' | 'provider'>,
  klass: Pick<Class, 'allowedModels'> | null,
): Promise<string[]> {
  return allowedModelsFor(services.catalog, services.provider, klass, klass ? [] : await personalChoice(services));
}
