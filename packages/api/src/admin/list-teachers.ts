import { utcMonth } from '../chat/spend-caps';
import { adminProcedure } from '../trpc';
import { toUsd } from './teachers.types';

/**
 * Every teacher account with where it stands (waiting for approval, approved, disabled), its own caps and what its
 * classes spent this UTC month, waiting ones first (admins only).
 */
export const listTeachersRoute = adminProcedure.query(async ({ ctx }) => {
  const [teachers, spent] = await Promise.all([
    ctx.db.user.findMany({
      where: { role: 'TEACHER' },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      select: {
        id: true,
        name: true,
        email: true,
        createdAt: true,
        pendingApproval: true,
        disabledAt: true,
        spendCap: { select: { dayMicros: true, monthMicros: true } },
        _count: { select: { classesTaught: true } },
      },
    }),
    ctx.db.$queryRaw<Array<{ teacherId: string; micros: bigint }>>`
      SELECT k."teacherId", sum(u."costMicros")::bigint AS "micros"
      FROM "UsageEvent" u JOIN "Class" k ON k."id" = u."classId"
      WHERE u."createdAt" >= ${utcMonth(ctx.now())}
      GROUP BY k."teacherId"`,
  ]);
  const monthSpent = new Map(spent.map((s) => [s.teacherId, Number(s.micros)]));
  const rows = teachers.map((t) => ({
    id: t.id,
    name: t.name,
    email: t.email,
    createdAt: t.createdAt,
    status: t.disabledAt ? ('DISABLED' as const) : t.pendingApproval ? ('PENDING' as const) : ('APPROVED' as const),
    classes: t._count.classesTaught,
    dayCapUsd: toUsd(t.spendCap?.dayMicros ?? null),
    monthCapUsd: toUsd(t.spendCap?.monthMicros ?? null),
    monthSpentUsd: toUsd(monthSpent.get(t.id) ?? 0)!,
  }));
  return [...rows.filter((r) => r.status === 'PENDING'), ...rows.filter((r) => r.status !== 'PENDING')];
});
