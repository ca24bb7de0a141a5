import { AssignmentResults } from '../../../../components/practice/assignment-results';
import { requireRole } from '../../../../server/require-role';

export default async function AssignmentResultsPage({ params }: { params: Promise<{ assignmentId: string }> }) {
  await requireRole('TEACHER', 'ADMIN');
  const { assignmentId } = await params;
  return <AssignmentResults assignmentId={assignmentId} />;
}
