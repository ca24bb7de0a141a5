import { TUTOR_RULE_KEYS } from '@lumi/chat-core';
import { z } from 'zod';
import { tutorModeSchema } from '../conversations/conversation.types';
import { idSchema } from './dashboard.types';

export const promptPreviewInput = z.object({
  classId: idSchema,
  /** The mode whose prompt to show; a custom tutor's prompt depends on each student's persona, so it is not offered. */
  mode: tutorModeSchema.exclude(['CUSTOM']),
  /** The form's values before they are saved. */
  tutorRules: z.array(z.enum(TUTOR_RULE_KEYS)).max(20),
  extraInstructions: z.string().max(4000, 'Keep instructions under 4,000 characters.'),
});

export const archiveClassInput = z.object({ classId: idSchema, archived: z.boolean() });
