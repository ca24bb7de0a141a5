import { z } from 'zod';
import { encodingNameSchema } from '../tokens/encodings';

/** Price in USD per 1M tokens. */
const price = z.number().nonnegative().finite();

export const MODEL_TASKS = ['chat', 'long-text', 'code'] as const;
export const modelTaskSchema = z.enum(MODEL_TASKS);
export type ModelTask = z.infer<typeof modelTaskSchema>;

export const modelEntrySchema = z.strictObject({
  id: z.string().min(1),
  label: z.string().min(1),
  encoding: encodingNameSchema,
  /**
   * Framing tokens per message besides role and content: 3 for current chat models (<|start|>, <|message|>,
   * <|end|>); 4 for gpt-3.5-turbo, whose format also ends each message with a newline.
   */
  messageOverhead: z.int().min(0).max(16),
  contextWindow: z.int().positive(),
  maxOutput: z.int().positive(),
  prices: z.strictObject({
    input: price,
    output: price,
    /** Null when the model has no prompt-cache discount: cached tokens bill at the input price. */
    cachedInput: price.nullable(),
  }),
  capabilities: z.strictObject({
    streaming: z.boolean(),
    jsonSchema: z.boolean(),
  }),
  /** Tasks the model is notably good at; model choice prefers these for the matching task. */
  strengths: z.array(modelTaskSchema),
  /** Kept for old conversations; never chosen unless a policy names it. */
  legacy: z.boolean(),
  /** Served without a network (the demo tutor); never chosen unless a policy names it. */
  offline: z.boolean(),
});

export type ModelEntry = z.infer<typeof modelEntrySchema>;

/** What counting needs to know about a model. */
export type TokenizerSpec = Pick<ModelEntry, 'encoding' | 'messageOverhead'>;
