import { TUTOR_RULE_KEYS } from '@lumi/chat-core';
import type { Context, SessionUser } from '../context';
import { AppError } from '../errors/app-error';

/** Loads a class the caller may manage: its teacher, or an admin. Others learn nothing, not even that it exists. */
export async function loadManagedClass(ctx: Pick<Context, 'db'>, user: SessionUser, classId: string) {
  const klass = await ctx.db.class.findUnique({ where: { id: classId } });
  if (!klass || (klass.teacherId !== user.id && user.role !== 'ADMIN')) {
    throw new AppError('NOT_FOUND', 'No such class.');
  }
  return klass;
}

/** Rejects model ids the catalog does not know, so a class can never be set to a model that cannot run. */
export function assertKnownModels(ctx: Context, models: string[]) {
  const unknown = models.filter((id) => !ctx.catalog.get(id));
  if (unknown.length > 0) {
    throw new AppError('UNKNOWN_MODEL', `Unknown model: ${unknown.join(', ')}.`);
  }
}

export function assertKnownRules(rules: string[] | undefined) {
  const unknown = (rules ?? []).filter((key) => !(TUTOR_RULE_KEYS as readonly string[]).includes(key));
  if (unknown.length > 0) throw new AppError('UNKNOWN_RULE', `Unknown tutor rule: ${unknown.join(', ')}.`);
}
