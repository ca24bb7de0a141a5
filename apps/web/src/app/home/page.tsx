import { StudentHome } from '../../components/student-home';
import { requireRole } from '../../server/require-role';

export default async function HomePage() {
  const user = await requireRole('STUDENT');
  return <StudentHome name={user.name ?? ''} />;
}
