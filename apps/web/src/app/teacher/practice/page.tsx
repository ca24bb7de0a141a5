import { TeacherPractice } from '../../../components/practice/teacher-practice';
import { requireRole } from '../../../server/require-role';

// Until the teacher dashboard's class page exists, language practice has its own page under /teacher.
export default async function TeacherPracticePage() {
  await requireRole('TEACHER', 'ADMIN');
  return <TeacherPractice />;
}
