import { Prisma } from '@lumi/db';
import type { z } from 'zod';
import { loadManagedClass } from '../classes/class-access';
import type { Context, SessionUser } from '../context';
import { teacherProcedure } from '../trpc';
import { recordAccess } from './access-log';
import { dollars, slug, toCsv } from './csv';
import { rangeBounds } from './day-range';
import { exportUsageInput } from './export-class.types';

/** Whose rows these were once the student was deleted on request (their usage stays, without them). */
const DELETED_STUDENT = '(deleted student)';

/** Usage per student x UTC day x model over a range, as CSV: the same rows the charts sum. Logged. */
export async function exportClassUsage(
  ctx: Pick<Context, 'db'>,
  user: SessionUser,
  input: z.output<typeof exportUsageInput>,
) {
  const klass = await loadManagedClass(ctx, user, input.classId);
  const { start, end } = rangeBounds(input);
  const rows = await ctx.db.$queryRaw<
    Array<{
      day: string;
      name: string;
      email: string;
      model: string;
      requests: number;
      promptTokens: number;
      completionTokens: number;
      costMicros: number;
    }>
  >(Prisma.sql`
    SELECT t."day", coalesce(s."name", ${DELETED_STUDENT}) AS "name", coalesce(s."email", '') AS "email", t."model", t."requests", t."promptTokens", t."completionTokens", t."costMicros"
    FROM (
      SELECT to_char(u."createdAt", 'YYYY-MM-DD') AS "day", u."userId", u."model", count(*)::int AS "requests",
        sum(u."promptTokens")::float8 AS "promptTokens", sum(u."completionTokens")::float8 AS "completionTokens",
        sum(u."costMicros")::float8 AS "costMicros"
      FROM "UsageEvent" u
      WHERE u."classId" = ${klass.id} AND u."createdAt" >= ${start} AND u."createdAt" < ${end}
      GROUP BY 1, 2, 3
    ) t LEFT JOIN "User" s ON s."id" = t."userId"
    ORDER BY t."day", s."name", s."id", t."model"`);
  await recordAccess(ctx, user, {
    action: 'EXPORT_USAGE',
    classId: klass.id,
    detail: { kind: 'usageRows', count: rows.length, from: input.from, to: input.to },
  });
  const content = toCsv(
    [
      'date_utc',
      'student',
      'email',
      'model',
      'requests',
      'prompt_tokens',
      'completion_tokens',
      'total_tokens',
      'cost_usd',
      'cost_microdollars',
    ],
    rows.map((r) => [
      r.day,
      r.name,
      r.email,
      r.model,
      r.requests,
      r.promptTokens,
      r.completionTokens,
      r.promptTokens + r.completionTokens,
      dollars(r.costMicros),
      r.costMicros,
    ]),
  );
  return {
    filename: `${slug(klass.name)}-usage-${input.from}-${input.to}.csv`,
    mimeType: 'text/csv;charset=utf-8',
    content,
  };
}

export const exportUsageRoute = teacherProcedure
  .input(exportUsageInput)
  .query(({ ctx, input }) => exportClassUsage(ctx, ctx.user, input));
