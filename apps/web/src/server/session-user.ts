import type { SessionUser } from '@lumi/api';
import { auth } from '../auth';
import { CLIENT_ADDRESS_HEADER } from './client-address';

/** The signed-in caller as the API expects it, or null. */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await auth();
  const user = session?.user;
  if (!user?.id || !user.role) return null;
  return { id: user.id, role: user.role, name: user.name ?? '' };
}

/** The client address for anonymous rate limits, as this node stamped it (see client-address.ts). */
export function clientIp(request: Request): string | null {
  return request.headers.get(CLIENT_ADDRESS_HEADER);
}
