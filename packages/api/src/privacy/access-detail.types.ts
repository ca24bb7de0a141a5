import { z } from 'zod';

const count = z.number().int().nonnegative();

/**
 * What an access-log record says beyond its action, as facts rather than a sentence, so each screen words it in
 * its own language (the web app's `privacy.detail.<kind>` texts take these fields as their values).
 */
export const accessDetailSchema = z.discriminatedUnion('kind', [
  /** A session's page (conversations.get) or a practice attempt by its title. */
  z.object({ kind: z.literal('session') }),
  z.object({ kind: z.literal('practice'), title: z.string() }),
  z.object({ kind: z.literal('liveReply') }),
  z.object({ kind: z.literal('oneSession'), format: z.string() }),
  z.object({ kind: z.literal('sessions'), count }),
  z.object({ kind: z.literal('sessionsInRange'), count, from: z.string(), to: z.string() }),
  z.object({ kind: z.literal('usageRows'), count, from: z.string(), to: z.string() }),
  z.object({ kind: z.literal('flags'), count }),
  z.object({ kind: z.literal('flagExcerpts'), count }),
  z.object({ kind: z.literal('search'), query: z.string(), count }),
  z.object({ kind: z.literal('exported'), sessions: count, usage: count }),
  z.object({ kind: z.literal('deleted'), sessions: count, messages: count, usage: count }),
  /** A sentence written before details were facts, in none of the shapes above (shown as written). */
  z.object({ kind: z.literal('text'), text: z.string() }),
]);
export type AccessDetail = z.infer<typeof accessDetailSchema>;

/** A stored detail read back; one that no longer fits the schema is shown as its JSON rather than failing the page. */
export function readAccessDetail(stored: unknown): AccessDetail | null {
  if (stored === null || stored === undefined) return null;
  const parsed = accessDetailSchema.safeParse(stored);
  return parsed.success ? parsed.data : { kind: 'text', text: JSON.stringify(stored) };
}
