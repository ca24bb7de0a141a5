import { createRequire } from 'node:module';
import type * as O200kEncoding from 'gpt-tokenizer/encoding/o200k_base';
import { z } from 'zod';

export const ENCODING_NAMES = ['o200k_base', 'cl100k_base'] as const;
export const encodingNameSchema = z.enum(ENCODING_NAMES);
export type EncodingName = z.infer<typeof encodingNameSchema>;

type Encoder = typeof O200kEncoding;

// Each encoding's rank table costs 200-300 ms to load, so it is required on first use rather than at import.
// `require` keeps counting synchronous; gpt-tokenizer ships a CommonJS build for each encoding entry point.
const requireEncoding = createRequire(import.meta.url);
const loaded = new Map<EncodingName, Encoder>();

export function getEncoder(name: EncodingName): Encoder {
  let encoder = loaded.get(name);
  if (!encoder) {
    encoder = requireEncoding(`gpt-tokenizer/encoding/${name}`) as Encoder;
    loaded.set(name, encoder);
  }
  return encoder;
}
