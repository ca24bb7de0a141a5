import { loadManagedClass } from '../classes/class-access';
import { classIdInput } from '../classes/class-settings.types';
import { teacherProcedure } from '../trpc';
import { recordAccess } from './access-log';
import { slug, toCsv } from './csv';
import { dayString } from './day-range';
import { flagCategories } from './flag-categories';

/** Every flag of the class, open and reviewed, as CSV. Logged. */
export const exportFlagsRoute = teacherProcedure.input(classIdInput).query(async ({ ctx, input }) => {
  const klass = await loadManagedClass(ctx, ctx.user, input.classId);
  const flags = await ctx.db.moderationFlag.findMany({
    where: { classId: klass.id },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    select: {
      createdAt: true,
      categories: true,
      refused: true,
      reviewedAt: true,
      conversationId: true,
      messageId: true,
      student: { select: { name: true, email: true } },
      reviewedBy: { select: { name: true } },
      message: { select: { content: true } },
    },
  });
  await recordAccess(ctx, ctx.user, {
    action: 'EXPORT_FLAGS',
    classId: klass.id,
    detail: { kind: 'flags', count: flags.length },
  });
  const content = toCsv(
    [
      'raised_utc',
      'student',
      'email',
      'categories',
      'top_score',
      'tutor_refused',
      'status',
      'reviewed_by',
      'reviewed_utc',
      'message',
      'conversation_id',
      'message_id',
    ],
    flags.map((f) => {
      const categories = flagCategories(f.categories);
      return [
        f.createdAt.toISOString(),
        f.student.name,
        f.student.email,
        categories.map((c) => c.category).join(' '),
        categories[0]?.score ?? '',
        f.refused ? 'yes' : 'no',
        f.reviewedAt ? 'reviewed' : 'open',
        f.reviewedBy?.name ?? '',
        f.reviewedAt?.toISOString() ?? '',
        f.message.content,
        f.conversationId,
        f.messageId,
      ];
    }),
  );
  return {
    filename: `${slug(klass.name)}-flags-${dayString(ctx.now())}.csv`,
    mimeType: 'text/csv;charset=utf-8',
    content,
  };
});
