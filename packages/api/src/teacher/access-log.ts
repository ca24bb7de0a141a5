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

/**
 * Logs an adult reading a student's session through a path students use too (conversations.get and .export, a
 * live reply, a practice attempt): nothing when the reader is the student, a row for a teacher or an admin.
 */
export async function recordOverseerRead(
  ctx: { db: PrismaClient | Prisma.TransactionClient },
  reader: SessionUser,
  session: { studentId: string; classId: string | null; conversationId: string | null },
  action: 'TRANSCRIPT_VIEW' | 'EXPORT_TRANSCRIPTS',
  detail: string,
): Promise<void> {
  if (session.studentId === reader.id) return;
  await recordAccess(ctx, reader, { action, ...session, detail });
}
