import { handleMetrics } from '@lumi/api';
import { getServices } from '../../../server/services';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export function GET(request: Request) {
  return handleMetrics(request, getServices());
}
