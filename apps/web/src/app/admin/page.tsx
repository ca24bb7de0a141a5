import { AdminHome } from '../../components/admin/admin-home';
import { requireRole } from '../../server/require-role';

export default async function AdminPage() {
  await requireRole('ADMIN');
  return <AdminHome />;
}
