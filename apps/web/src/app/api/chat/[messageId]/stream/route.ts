import { handleFollowReply, withRequestLog } from '@lumi/api';
import { getServices } from '../../../../../server/services';
import { chatUser } from '../../../../../server/chat-user';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function GET(request: Request, { params }: { params: Promise<{ messageId: string }> }) {
  const { messageId } = await params;
  const services = getServices();
  const user = await chatUser(request);
  return withRequestLog(
    services.log,
    'chat.follow',
    request,
    () => handleFollowReply(request, services, user, messageId),
    user?.id,
  );
}
