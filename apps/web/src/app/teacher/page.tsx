import { TeacherHome } from '../../components/teacher-home';
import { requireRole } from '../../server/require-role';

export default async function TeacherPage() {
  const user = await requireRole('TEACHER', 'ADMIN');
  return <TeacherHome isAdmin={user.role === 'ADMIN'} />;
}
