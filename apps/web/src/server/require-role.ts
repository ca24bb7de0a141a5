import type { Role } from '@lumi/db';
import { redirect } from 'next/navigation';
import { auth } from '../auth';

/** For server pages: signed-out visitors go to sign-in, other roles to their own start page. */
export async function requireRole(...roles: Role[]) {
  const session = await auth();
  if (!session?.user) redirect('/sign-in');
  if (!roles.includes(session.user.role)) redirect('/');
  return session.user;
}
