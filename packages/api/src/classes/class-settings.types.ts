import { z } from 'zod';
import { formMessage } from '../errors/form-messages';

const modelId = z.string().trim().min(1).max(100);

/** Settings a teacher controls per class; chat-core's catalog validates the model ids on the server. */
export const classSettingsSchema = z.object({
  name: z.string().trim().min(1, formMessage('form.classNameRequired')).max(100),
  subject: z.string().trim().max(100).nullish(),
  dailyTokenBudget: z
    .number()
    .int()
    .min(0, formMessage('form.budgetNegative'))
    .max(10_000_000, formMessage('form.budgetTooLarge')),
  allowedModels: z.array(modelId).max(50),
  defaultModel: modelId,
  tutorRules: z.array(z.string().trim().min(1).max(60)).max(20),
  extraInstructions: z.string().max(4000, formMessage('form.instructionsTooLong')),
  showPricesToStudents: z.boolean(),
  /** Refuse messages while moderation cannot answer (see Class.moderationFailClosed). */
  moderationFailClosed: z.boolean(),
});

export const createClassInput = classSettingsSchema.partial().required({ name: true });
export const updateClassInput = classSettingsSchema.partial().extend({ classId: z.string().min(1).max(64) });
export const classIdInput = z.object({ classId: z.string().min(1).max(64) });
export const joinClassInput = z.object({
  joinCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{4,12}$/, formMessage('form.joinCodeShape')),
});
