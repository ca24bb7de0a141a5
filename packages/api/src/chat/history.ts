import type { HistoryMessage } from '@lumi/chat-core';
import type { LumiServices } from '../context';

/** The turns after the rolling summary that the tutor should see, oldest first. */
export async function loadHistory(services: LumiServices, conversationId: string, afterSeq: number): Promise<HistoryMessage[]> {
  const rows = await services.db.message.findMany({
    where: { conversationId, supersededAt: null, seq: { gt: afterSeq }, content: { not: '' } },
    orderBy: { seq: 'asc' },
    select: { id: true, role: true, content: true, tokenCount: true, status: true },
  });
  return rows.filter((m) => m.status !== 'STREAMING').map(toHistory);
}

export function toHistory(message: { id: string; role: 'USER' | 'ASSISTANT'; content: string; tokenCount: number }): HistoryMessage {
  return {
    id: message.id,
    role: message.role === 'USER' ? 'user' : 'assistant',
    content: message.content,
    tokenCount: message.tokenCount,
  };
}

