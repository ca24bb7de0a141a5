import { countMessageTokens, type ModelEntry } from '@lumi/chat-core';
import type { Conversation, Message } from '@lumi/db';
import type { LumiServices } from '../context';
import type { SendMessageInput } from './send-message.types';
import { storeEdit, supersedeReply } from './store/edit';

/**
 * An edit or a retry (plain sends are stored with their reply in one statement: store/reply.ts). A retry finds the
 * message to answer again; an edit stores the new text, counted for the model at hand (the model records which
 * format the count is in: see history.ts).
 */
export async function storeUserMessage(
  services: LumiServices,
  conversation: Pick<Conversation, 'id'>,
  input: Exclude<SendMessageInput, { kind: 'send' }>,
  model: ModelEntry,
): Promise<Message> {
  if (input.kind === 'retry') return supersedeReply(services.db, conversation, input.retryOf, services.now());
  const edited = {
    content: input.content,
    tokenCount: countMessageTokens({ role: 'user', content: input.content }, model),
    model: model.id,
    clientId: input.clientId,
  };
  return storeEdit(services.db, conversation, input.editOf, edited, services.now());
}

export function titleFrom(content: string): string {
  const line = content.split('\n')[0]!.trim();
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}
