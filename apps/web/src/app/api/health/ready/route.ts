import { handleReadiness } from '@lumi/api';
import { getReadiness } from '../../../../server/services';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export function GET() {
  return handleReadiness(getReadiness());
}
