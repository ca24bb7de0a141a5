/** The engine appends a Rust span trace ("   0: schema_engine_wasm::...") that means nothing to users. */
function withoutBacktrace(message: string): string {
  return message.split(/\n\s*0: /)[0]!.trim();
}

/** A migration command failed; `code` is Prisma's error code (P3009, ...) when the engine gave one. */
export class MigrationError extends Error {
  override name = 'MigrationError';

  constructor(
    message: string,
    readonly code?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  static from(error: unknown): MigrationError {
    if (error instanceof MigrationError) return error;
    if (!(error instanceof Error)) return new MigrationError(String(error));
    const code = (error as { code?: unknown }).code;
    return new MigrationError(withoutBacktrace(error.message), typeof code === 'string' ? code : undefined, {
      cause: error,
    });
  }
}
