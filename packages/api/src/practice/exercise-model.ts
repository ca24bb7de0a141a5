import type { ModelEntry } from '@lumi/chat-core';
import type { Class } from '@lumi/db';
import type { LumiServices } from '../context';
import { studentModels } from '../admin/personal-choice';

/** The model an exercise talks to: the class's default when it is allowed, else the first allowed one. */
export async function exerciseModel(
  services: LumiServices,
  klass: Class | null,
  preferred?: string,
): Promise<ModelEntry> {
  const allowed = await studentModels(services, klass);
  const id =
    preferred && allowed.includes(preferred)
      ? preferred
      : klass && allowed.includes(klass.defaultModel)
        ? klass.defaultModel
        : allowed[0]!;
  return services.catalog.require(id);
}
