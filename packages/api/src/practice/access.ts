import { TRPCError } from '@trpc/server';
import type { Context, SessionUser } from '../context';

const notFound = () => new TRPCError({ code: 'NOT_FOUND', message: 'No such attempt.' });

/**
 * An attempt the caller may see: the student's own, or (read only) one in a class the caller teaches, or any for an
 * admin. Everyone else learns nothing, not even that it exists.
 */
export async function loadAttempt(
  ctx: Pick<Context, 'db'>,
  user: SessionUser,
  attemptId: string,
  access: 'read' | 'write',
) {
  const attempt = await ctx.db.practiceAttempt.findUnique({ where: { id: attemptId }, include: { class: true } });
  if (!attempt) throw notFound();
  const owner = attempt.studentId === user.id;
  const overseer = access === 'read' && (user.role === 'ADMIN' || attempt.class?.teacherId === user.id);
  if (!owner && !overseer) throw notFound();
  return attempt;
}

export type LoadedAttempt = Awaited<ReturnType<typeof loadAttempt>>;

/** An assignment of a class the caller teaches (or any, for an admin). */
export async function loadManagedAssignment(ctx: Pick<Context, 'db'>, user: SessionUser, assignmentId: string) {
  const assignment = await ctx.db.practiceAssignment.findUnique({
    where: { id: assignmentId },
    include: { class: true },
  });
  if (!assignment || (assignment.class.teacherId !== user.id && user.role !== 'ADMIN')) {
    throw new TRPCError({ code: 'NOT_FOUND', message: 'No such assignment.' });
  }
  return assignment;
}
