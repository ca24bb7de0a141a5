import { on } from 'node:events';
import { tracked } from '@trpc/server';
import { z } from 'zod';
import { loadManagedClass } from '../classes/class-access';
import { teacherProcedure } from '../trpc';
import { idSchema } from './dashboard.types';
import { flagCategories } from './flag-categories';
import { flagFeedFor, type FlagNotice } from './flag-feed';

export const flagEventsInput = z.object({
  /** One class; without it, every class the caller teaches (an admin: every class). */
  classId: idSchema.optional(),
});

/**
 * New and reviewed flags of the caller's classes as they happen, from any app node: the dashboard updates its
 * queue and counts without a reload. Served over server-sent events.
 */
export const flagEventsRoute = teacherProcedure.input(flagEventsInput).subscription(async function* ({
  ctx,
  input,
  signal,
}) {
  const { db, user } = ctx;
  const only = input.classId ? (await loadManagedClass(ctx, user, input.classId)).id : null;
  const feed = flagFeedFor(db);
  await feed.start();
  const watched = async (notice: FlagNotice) => {
    if (!notice.classId || (only && notice.classId !== only)) return false;
    if (user.role === 'ADMIN') return true;
    const klass = await db.class.findUnique({ where: { id: notice.classId }, select: { teacherId: true } });
    return klass?.teacherId === user.id;
  };
  for await (const [notice] of on(feed.events, 'flag', { signal }) as AsyncIterableIterator<[FlagNotice]>) {
    if (!(await watched(notice))) continue;
    const flag = await db.moderationFlag.findUnique({
      where: { id: notice.id },
      select: {
        id: true,
        classId: true,
        categories: true,
        createdAt: true,
        reviewedAt: true,
        student: { select: { name: true } },
      },
    });
    if (!flag?.classId) continue;
    yield tracked(`${flag.id}:${notice.kind}`, {
      kind: notice.kind,
      id: flag.id,
      classId: flag.classId,
      studentName: flag.student.name,
      categories: flagCategories(flag.categories),
      createdAt: flag.createdAt,
      reviewedAt: flag.reviewedAt,
    });
  }
});
