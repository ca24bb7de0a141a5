import type { PrismaClient } from '../generated/prisma/client';

/**
 * Makes an existing account the school's admin (or one more admin): the way a real school's server, started without
 * the demo school, gets the admin who approves its teachers. Null when no account has that email.
 */
export async function makeAdmin(prisma: PrismaClient, email: string) {
  const found = await prisma.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true } });
  if (!found) return null;
  return prisma.user.update({
    where: { id: found.id },
    data: { role: 'ADMIN', pendingApproval: false },
    select: { email: true, name: true, role: true },
  });
}
