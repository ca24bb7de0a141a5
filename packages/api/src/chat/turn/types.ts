import type { ChatMessage, HistoryMessage, ModelEntry, ModerationResult } from '@lumi/chat-core';
import type { LumiServices, SessionUser } from '../../context';
import type { ReleaseTurn } from '../../practice/before-send';
import type { BudgetKey } from '../budget';
import type { SendMessageInput } from '../send-message.types';
import type { SpendKey } from '../spend-caps';
import type { PendingSend } from '../store/reply';
import type { TurnClass, TurnConversation } from '../store/send';

/** What POST /api/chat answers once a turn has started (docs/chat-protocol.md). */
export interface TurnStart {
  userMessageId: string;
  assistantMessageId: string;
  model: string;
  reason: string;
  /** The reply's token cap, when what is left of today's budget made it smaller than asked: it may be short. */
  replyLimit?: number;
}

/** A phase's outcome: the turn goes on with `next`, or it is answered now (a replay, a refusal). */
export type Phase<T> = { next: T } | { done: TurnStart };

export type Verdict = ModerationResult & { unavailable: boolean };

/** Phase 1's result: a request the caller may make here, its conversation and the models it may use. */
export interface Admitted {
  services: LumiServices;
  user: SessionUser;
  input: SendMessageInput;
  conversation: TurnConversation;
  klass: TurnClass | null;
  /** The history read with a plain send (an edit or a retry reads it once it changed it). */
  history: HistoryMessage[];
  allowed: string[];
  /** The model asked for, or the conversation's, when allowed; else the first allowed. */
  preferred: ModelEntry;
  /** Started at admission, waited for before the provider would see the text (phase 3). */
  moderation: Promise<Verdict> | null;
  /** Gives back the roleplay turn a send claimed at admission, when the turn ends without a reply of its own. */
  releaseTurn: ReleaseTurn;
}

/** Phase 2's result: the student's message, stored (an edit or a retry) or to be stored with its reply (a send). */
export interface Recorded extends Admitted {
  userMessage: { id: string; content: string; model: string | null };
  /** A plain send's message, stored only once its reply is reserved (phase 5). */
  pending: PendingSend | null;
}

/** Phase 3's result: a message the tutor may see. */
export interface Screened extends Recorded {
  /** Records the moderation flag of a plain send's message, if it was flagged, once the message is stored. */
  recordFlag: () => Promise<void>;
}

/** Phase 4's result: the request to send, and the model that answers it. */
export interface Planned extends Screened {
  model: ModelEntry;
  /** Why this model (chat-core's chooseModel). */
  reason: string;
  messages: ChatMessage[];
  promptTokens: number;
  /** The reply's token cap asked for. */
  maxTokens: number;
}

/** Phase 5's result: the reply row, stored with its reservations. */
export interface Reserved extends Planned {
  assistantMessageId: string;
  /** The reply's token cap the budget and the spend caps hold (at most maxTokens). */
  replyCap: number;
  budgetKey: BudgetKey;
  spend: { key: SpendKey; reserved: number };
}
