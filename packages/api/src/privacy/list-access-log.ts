import { adminProcedure } from '../trpc';
import { readAccessDetail } from './access-detail.types';
import { listAccessLogInput } from './list-access-log.types';

/** The access log, newest first, with the names of who read what about whom (admins only). */
export const listAccessLogRoute = adminProcedure.input(listAccessLogInput).query(async ({ ctx, input }) => {
  const rows = await ctx.db.accessLog.findMany({
    where: {
      ...(input.action && { action: input.action }),
      ...(input.studentId && { studentId: input.studentId }),
      ...(input.actorId && { actorId: input.actorId }),
      // The bound on createdAt alone lets the index start at the cursor; the OR then breaks the tie on id.
      ...(input.cursor && {
        createdAt: { lte: input.cursor.createdAt },
        OR: [{ createdAt: { lt: input.cursor.createdAt } }, { id: { lt: input.cursor.id } }],
      }),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: input.limit + 1,
  });
  const page = rows.slice(0, input.limit);
  // Ids without foreign keys outlive what they name: a name that is gone shows as the id.
  const userIds = [...new Set(page.flatMap((r) => [r.actorId, r.studentId ?? []].flat()))];
  const classIds = [...new Set(page.flatMap((r) => (r.classId ? [r.classId] : [])))];
  const [users, classes] = await Promise.all([
    ctx.db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, role: true } }),
    ctx.db.class.findMany({ where: { id: { in: classIds } }, select: { id: true, name: true } }),
  ]);
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const className = new Map(classes.map((c) => [c.id, c.name]));
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      ...r,
      detail: readAccessDetail(r.detail),
      actorName: userName.get(r.actorId) ?? r.actorId,
      studentName: r.studentId ? (userName.get(r.studentId) ?? r.studentId) : null,
      className: r.classId ? (className.get(r.classId) ?? r.classId) : null,
    })),
    nextCursor: rows.length > input.limit && last ? { createdAt: last.createdAt, id: last.id } : null,
  };
});
