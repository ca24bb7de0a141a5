import type { Usage } from '@lumi/chat-core';
import type { ErrorCode } from '../errors/codes';

/** What the browser receives for one turn, as server-sent events (docs/chat-protocol.md). */
export type TurnEvent =
  | {
      type: 'start';
      userMessageId: string;
      assistantMessageId: string;
      model: string;
      reason: string;
      /** The reply's token cap, when what is left of today's budget made it smaller than asked. */
      replyLimit?: number;
    }
  | { type: 'delta'; text: string }
  | {
      type: 'done';
      status: 'COMPLETE' | 'STOPPED';
      finishReason: string;
      usage: Usage;
    }
  | { type: 'error'; code: ErrorCode; message: string; retryable: boolean; resetAt?: string };

export type FinalTurnEvent = Extract<TurnEvent, { type: 'done' | 'error' }>;
