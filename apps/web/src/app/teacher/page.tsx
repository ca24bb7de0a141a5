import { TeacherHome } from '../../components/teacher-home';
import { requireRole } from '../../server/require-role';

export default async function TeacherPage() {
  await requireRole('TEACHER', 'ADMIN');
  return <TeacherHome />;
}
