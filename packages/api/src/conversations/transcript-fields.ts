import type { Prisma } from '@lumi/db';

/** What every transcript shows of a message: its text, how it ended, its model and tokens, edits and redaction. */
export const transcriptMessageFields = {
  id: true,
  role: true,
  content: true,
  status: true,
  tokenCount: true,
  model: true,
  finishReason: true,
  errorCode: true,
  redactedAt: true,
  supersededAt: true,
  createdAt: true,
} as const satisfies Prisma.MessageSelect;
