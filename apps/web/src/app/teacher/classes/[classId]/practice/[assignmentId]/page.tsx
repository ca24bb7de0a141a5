import { AssignmentResults } from '../../../../../../components/practice/assignment-results';
import { requireRole } from '../../../../../../server/require-role';

/** One assignment's results, inside its class (the class page's language-practice tab links here). */
export default async function AssignmentResultsPage({ params }: { params: Promise<{ assignmentId: string }> }) {
  await requireRole('TEACHER', 'ADMIN');
  const { assignmentId } = await params;
  return <AssignmentResults assignmentId={assignmentId} />;
}
