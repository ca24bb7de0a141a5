import { handleSendMessage } from '@lumi/api';
import { getServices } from '../../../server/services';
import { chatUser } from '../../../server/chat-user';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export async function POST(request: Request) {
  return handleSendMessage(request, getServices(), await chatUser(request));
}
