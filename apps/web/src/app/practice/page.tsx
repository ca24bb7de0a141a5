import { PracticeHome } from '../../components/practice/practice-home';
import { requireRole } from '../../server/require-role';

export default async function PracticePage() {
  await requireRole('STUDENT');
  return <PracticeHome />;
}
