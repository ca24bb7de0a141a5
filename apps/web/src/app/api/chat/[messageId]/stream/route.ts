import { handleFollowReply } from '@lumi/api';
import { getServices } from '../../../../../server/services';
import { chatUser } from '../../../../../server/chat-user';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(request: Request, { params }: { params: Promise<{ messageId: string }> }) {
  const { messageId } = await params;
  return handleFollowReply(request, getServices(), await chatUser(request), messageId);
}
