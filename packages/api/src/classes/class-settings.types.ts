import { z } from 'zod';

const modelId = z.string().trim().min(1).max(100);

/** Settings a teacher controls per class; chat-core's catalog validates the model ids on the server. */
export const classSettingsSchema = z.object({
  name: z.string().trim().min(1, 'Give the class a name.').max(100),
  subject: z.string().trim().max(100).nullish(),
  dailyTokenBudget: z
    .number()
    .int()
    .min(0, 'The budget cannot be negative.')
    .max(10_000_000, 'At most 10 million tokens a day.'),
  allowedModels: z.array(modelId).max(50),
  defaultModel: modelId,
  tutorRules: z.array(z.string().trim().min(1).max(60)).max(20),
  extraInstructions: z.string().max(4000, 'Keep instructions under 4,000 characters.'),
  showPricesToStudents: z.boolean(),
});

export const createClassInput = classSettingsSchema.partial().required({ name: true });
export const updateClassInput = classSettingsSchema.partial().extend({ classId: z.string().min(1).max(64) });
export const classIdInput = z.object({ classId: z.string().min(1).max(64) });
export const joinClassInput = z.object({
  joinCode: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{4,12}$/, 'Join codes are 4 to 12 letters and digits.'),
});
