import { TUTOR_RULES } from '@lumi/chat-core';
import { loadManagedClass } from '../classes/class-access';
import { classIdInput } from '../classes/class-settings.types';
import { catalogModels } from '../chat/class-policy';
import { teacherProcedure } from '../trpc';

/**
 * What the settings form edits, with every model the class may allow and its price per million tokens, and the
 * tutor rules in both languages (chat-core stays out of the browser bundle).
 */
export const getClassSettingsRoute = teacherProcedure.input(classIdInput).query(async ({ ctx, input }) => {
  const klass = await loadManagedClass(ctx, ctx.user, input.classId);
  const models = catalogModels(ctx.catalog, ctx.provider).map((id) => {
    const m = ctx.catalog.require(id);
    return { id: m.id, label: m.label, prices: m.prices };
  });
  return {
    id: klass.id,
    name: klass.name,
    subject: klass.subject,
    joinCode: klass.joinCode,
    archived: klass.archivedAt !== null,
    dailyTokenBudget: klass.dailyTokenBudget,
    allowedModels: klass.allowedModels,
    defaultModel: klass.defaultModel,
    tutorRules: klass.tutorRules,
    extraInstructions: klass.extraInstructions,
    showPricesToStudents: klass.showPricesToStudents,
    moderationFailClosed: klass.moderationFailClosed,
    offline: ctx.provider.offline,
    models,
    rules: TUTOR_RULES.map(({ key, label, description }) => ({ key, label, description })),
  };
});
