import { ChatScreen } from '../../../components/chat/chat-screen';
import { requireRole } from '../../../server/require-role';

export default async function ChatPage({ params }: { params: Promise<{ conversationId: string }> }) {
  await requireRole('STUDENT');
  const { conversationId } = await params;
  return <ChatScreen conversationId={conversationId} />;
}
