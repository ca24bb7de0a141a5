import type { ChatMessage } from '../types';

/** How a stored rolling summary enters a request; its token count is counted on exactly this message. */
export function summaryMessage(summary: string): ChatMessage {
  return {
    role: 'system',
    content: `Summary of the earlier conversation (those turns are no longer shown):\n${summary}`,
  };
}
