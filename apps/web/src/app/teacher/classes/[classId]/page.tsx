import { ClassPage } from '../../../../components/teacher/class-page';
import { isClassTab } from '../../../../components/teacher/class-tabs';
import { requireRole } from '../../../../server/require-role';

export default async function TeacherClassPage({
  params,
  searchParams,
}: {
  params: Promise<{ classId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  await requireRole('TEACHER', 'ADMIN');
  const [{ classId }, query] = await Promise.all([params, searchParams]);
  const tab = typeof query.tab === 'string' && isClassTab(query.tab) ? query.tab : 'roster';
  return <ClassPage classId={classId} tab={tab} />;
}
