import type { Prisma } from '@lumi/db';
import type { LumiServices } from '../../context';

/** A message moderation flagged, kept for the class's teachers (README, "Moderation"). */
export async function storeFlag(
  db: LumiServices['db'],
  flag: {
    studentId: string;
    classId: string | null;
    conversationId: string;
    messageId: string;
    categories: Prisma.InputJsonValue;
    refused: boolean;
  },
): Promise<void> {
  await db.moderationFlag.create({ data: flag });
}
