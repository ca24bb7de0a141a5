import { handleSendMessage, withRequestLog } from '@lumi/api';
import { getServices } from '../../../server/services';
import { chatUser } from '../../../server/chat-user';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function POST(request: Request) {
  const services = getServices();
  const user = await chatUser(request);
  return withRequestLog(services.log, 'chat.send', request, () => handleSendMessage(request, services, user), user?.id);
}
