import { tokenCountFormat, type Catalog, type HistoryMessage } from '@lumi/chat-core';
import type { Message } from '@lumi/db';
import type { LumiServices } from '../context';
import { historyAfter } from './store/send';

/** The turns after the rolling summary that the tutor should see, oldest first. */
export async function loadHistory(
  services: LumiServices,
  conversationId: string,
  afterSeq: number,
): Promise<HistoryMessage[]> {
  const rows = await historyAfter(services.db, conversationId, afterSeq);
  return rows.map((m) => toHistory(m, services.catalog));
}

/**
 * A stored message as history. Its count was made for the model stored beside it; chat-core recounts it when the
 * request goes to a model with another tokenizer format (gpt-3.5's cl100k framing, say).
 */
export function toHistory(
  message: Pick<Message, 'id' | 'role' | 'content' | 'tokenCount' | 'model'>,
  catalog: Catalog,
): HistoryMessage {
  const counted = countedFor(message, catalog);
  return {
    id: message.id,
    role: message.role === 'USER' ? 'user' : 'assistant',
    content: message.content,
    tokenCount: message.tokenCount,
    ...(counted && { tokenCountFormat: tokenCountFormat(counted) }),
  };
}

/** The model a stored count was made for; catalog entries carry their own tokenizer, unknown ids fall back to o200k. */
export function countedFor(message: Pick<Message, 'model'>, catalog: Catalog) {
  return message.model ? (catalog.get(message.model) ?? message.model) : undefined;
}
