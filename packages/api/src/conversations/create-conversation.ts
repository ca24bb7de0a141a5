import { studentProcedure } from '../trpc';
import { AppError } from '../errors/app-error';
import { createConversationInput, isLanguageMode, UNTITLED_SESSION } from './conversation.types';
import { studentModels } from '../admin/personal-choice';

export const createConversationRoute = studentProcedure
  .input(createConversationInput)
  .mutation(async ({ ctx, input }) => {
    const klass = input.classId
      ? await ctx.db.class.findFirst({
          where: { id: input.classId, archivedAt: null, enrollments: { some: { studentId: ctx.user.id } } },
        })
      : null;
    if (input.classId && !klass) throw new AppError('NOT_FOUND', 'No such class.');

    const allowed = await studentModels(ctx, klass);
    const model = input.model ?? (klass && allowed.includes(klass.defaultModel) ? klass.defaultModel : allowed[0]);
    if (!model || !allowed.includes(model)) {
      throw new AppError('MODEL_NOT_ALLOWED', `The model "${input.model ?? 'default'}" is not allowed in this class.`);
    }
    return ctx.db.conversation.create({
      data: {
        studentId: ctx.user.id,
        classId: klass?.id ?? null,
        mode: input.mode,
        persona: input.persona ?? null,
        // Only sessions between two languages keep them.
        sourceLanguage: isLanguageMode(input.mode) ? input.sourceLanguage : null,
        targetLanguage: isLanguageMode(input.mode) ? input.targetLanguage : null,
        model,
        title: input.title ?? UNTITLED_SESSION,
      },
    });
  });
