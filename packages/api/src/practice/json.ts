import { correctionSchema, type Correction } from '@lumi/chat-core';
import type { Prisma } from '@lumi/db';
import { z } from 'zod';

/** A value as a JSON column takes it (dates become strings, undefined fields go), checked to be JSON. */
export function toJson(value: unknown): Prisma.InputJsonValue {
  return jsonSchema.parse(JSON.parse(JSON.stringify(value)));
}

const jsonSchema: z.ZodType<Prisma.InputJsonValue> = z.lazy(() =>
  z.union([
    z.string(),
    z.number(),
    z.boolean(),
    z.array(z.union([jsonSchema, z.null()])),
    z.record(z.string(), z.union([jsonSchema, z.null()])),
  ]),
);

const correctionsSchema = z.array(correctionSchema);

/** Corrections read back from a JSON column; a row that does not hold them reads as none. */
export function readCorrections(json: Prisma.JsonValue): Correction[] {
  const parsed = correctionsSchema.safeParse(json);
  return parsed.success ? parsed.data : [];
}
