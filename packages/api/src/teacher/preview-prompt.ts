import { buildSystemPrompt } from '@lumi/chat-core';
import { loadManagedClass } from '../classes/class-access';
import { teacherProcedure } from '../trpc';
import { promptPreviewInput } from './class-settings.types';

/**
 * The system prompt a student's tutor receives in this class and mode, built by the same chat-core function with
 * the same inputs as the chat turn (mode, the class's rules and instructions; no persona outside CUSTOM mode).
 */
export const previewPromptRoute = teacherProcedure.input(promptPreviewInput).query(async ({ ctx, input }) => {
  await loadManagedClass(ctx, ctx.user, input.classId);
  return {
    prompt: buildSystemPrompt({
      mode: input.mode,
      rules: input.tutorRules,
      instructions: input.extraInstructions || undefined,
    }),
  };
});
