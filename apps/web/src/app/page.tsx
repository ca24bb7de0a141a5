import { redirect } from 'next/navigation';
import { auth } from '../auth';

/** The front door sends each role to its own start page. */
export default async function RootPage() {
  const session = await auth();
  if (!session?.user) redirect('/sign-in');
  redirect(session.user.role === 'STUDENT' ? '/home' : '/teacher');
}
