import { z } from 'zod';

const id = z.string().min(1).max(64);
/** Longest message a student may send, in characters; keeps token counting and storage bounded. */
export const MAX_MESSAGE_CHARS = 20_000;

const content = z
  .string()
  .trim()
  .min(1, 'Write a message first.')
  .max(MAX_MESSAGE_CHARS, `Messages are at most ${MAX_MESSAGE_CHARS.toLocaleString('en')} characters.`);

const common = {
  conversationId: id,
  /** Chosen by the browser; sending the same id again never stores a second message. */
  clientId: z.string().uuid('clientId must be a UUID.'),
  model: z.string().trim().min(1).max(100).optional(),
  maxTokens: z.number().int().min(16).max(16_000).optional(),
};

export const sendMessageInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('send'), content, ...common }),
  /** Replace the last user message (and the reply to it) with new text. */
  z.object({ kind: z.literal('edit'), content, editOf: id, ...common }),
  /** Generate a new reply to the last user message, replacing the reply `retryOf`. */
  z.object({ kind: z.literal('retry'), retryOf: id, ...common }),
]);

export type SendMessageInput = z.infer<typeof sendMessageInput>;

export const DEFAULT_MAX_TOKENS = 1024;
