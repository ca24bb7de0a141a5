import { AttemptScreen } from '../../../components/practice/attempt-screen';
import { requireRole } from '../../../server/require-role';

/** A student's own attempt, or (read only) one a teacher or admin oversees: the API decides who may see it. */
export default async function AttemptPage({ params }: { params: Promise<{ attemptId: string }> }) {
  const user = await requireRole('STUDENT', 'TEACHER', 'ADMIN');
  const { attemptId } = await params;
  return <AttemptScreen attemptId={attemptId} viewerId={user.id ?? ''} />;
}
