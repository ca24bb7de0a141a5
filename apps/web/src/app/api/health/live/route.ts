import { handleLiveness } from '@lumi/api';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export function GET() {
  return handleLiveness();
}
