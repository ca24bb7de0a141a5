import type { SessionUser } from '@lumi/api';
import { auth } from '../auth';

/** The signed-in caller as the API expects it, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.role) return null;
  return { id: user.id, role: user.role, name: user.name ?? '' };
}

/** The client address for anonymous rate limits; the first hop of x-forwarded-for when behind a proxy. */
export function clientIp(request: Request): string | null {
  const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || request.headers.get('x-real-ip');
}
