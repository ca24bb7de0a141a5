import type { Class } from '@lumi/db';
import type { SessionUser } from '../context';

/**
 * Whether the caller may see money (model prices, what a session cost). Teachers and admins always may; a student
 * only in a class whose teacher turned on "show prices to students", never for personal sessions.
 */
export function seesPrices(user: SessionUser, klass: Pick<Class, 'showPricesToStudents'> | null): boolean {
  return user.role !== 'STUDENT' || klass?.showPricesToStudents === true;
}
