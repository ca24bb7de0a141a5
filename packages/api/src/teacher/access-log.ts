import { Prisma, type AccessAction, type PrismaClient } from '@lumi/db';
import type { AccessDetail } from '../privacy/access-detail.types';
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
    detail?: AccessDetail;
  },
): Promise<void> {
  await ctx.db.accessLog.create({
    data: {
      actorId: actor.id,
      action: entry.action,
      classId: entry.classId ?? null,
      studentId: entry.studentId ?? null,
      conversationId: entry.conversationId ?? null,
      detail: entry.detail ?? Prisma.DbNull,
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
  detail: AccessDetail,
): Promise<void> {
  if (session.studentId === reader.id) return;
  await recordAccess(ctx, reader, { action, ...session, detail });
}

/**
 * Logs an adult reading students' words in a list (search results' snippets, the flags queue's excerpts): a row
 * per student shown, naming the session when everything of theirs on the page came from one, with how many
 * (`detail` is given the count). Nothing when the page is empty.
 */
export async function recordListRead(
  ctx: { db: PrismaClient | Prisma.TransactionClient },
  reader: SessionUser,
  action: 'SEARCH_RESULTS' | 'FLAG_EXCERPTS',
  items: ReadonlyArray<{ classId: string; studentId: string; conversationId: string }>,
  detail: (count: number) => AccessDetail,
): Promise<void> {
  const shown = new Map<string, { classId: string; studentId: string; conversations: Set<string>; count: number }>();
  for (const item of items) {
    const key = `${item.classId}:${item.studentId}`;
    const entry = shown.get(key) ?? { ...item, conversations: new Set<string>(), count: 0 };
    entry.conversations.add(item.conversationId);
    entry.count += 1;
    shown.set(key, entry);
  }
  if (shown.size === 0) return;
  await ctx.db.accessLog.createMany({
    data: [...shown.values()].map((s) => ({
      actorId: reader.id,
      action,
      classId: s.classId,
      studentId: s.studentId,
      conversationId: s.conversations.size === 1 ? [...s.conversations][0]! : null,
      detail: detail(s.count),
    })),
  });
}
