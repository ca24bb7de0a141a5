import { AccessLogTable } from '../../../components/admin/access-log-table';
import { requireRole } from '../../../server/require-role';

export default async function PrivacyPage() {
  await requireRole('ADMIN');
  return <AccessLogTable />;
}
