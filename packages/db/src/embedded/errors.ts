/** A problem the user fixes themselves; callers print only its message (one sentence, no stack). */
export class EmbeddedPostgresError extends Error {
  override name = 'EmbeddedPostgresError';
}
