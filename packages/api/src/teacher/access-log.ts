import type { AccessAction, Prisma, PrismaClient } from '@lumi/db';
import type { SessionUser } from '../context';

/** Writes one access-log row: an adult read a transcript or exported data about students. */
export async function recordAccess(
  ctx: { db: PrismaClient | Prisma.TransactionClient },
  actor: SessionUser,
  entry: {
    action: AccessAction;
    classId?: string | null;
    studentId?: string | null;
    conversationId?: string | null;
    detail?: string;
  },
): Promise<void> {
  await ctx.db.accessLog.create({
    data: {
      actorId: actor.id,
      action: entry.action,
      classId: entry.classId ?? null,
      studentId: entry.studentId ?? null,
      conversationId: entry.conversationId ?? null,
      detail: entry.detail ?? '',
    },
  });
}
