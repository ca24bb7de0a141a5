import type { Catalog, ChatProvider, Moderator } from '@lumi/chat-core';
import type { Conversation, PrismaClient, Role } from '@lumi/db';
import type { GenerationRegistry } from './chat/generation';
import type { SpendCapDefaults } from './chat/spend-caps';
import type { Logger } from './observability/logger';
import type { LumiMetrics } from './observability/metrics';
import type { ReleaseTurn } from './practice/before-send';

/** Who is calling. The web app derives it from the Auth.js session; the API never reads cookies itself. */
export interface SessionUser {
  id: string;
  role: Role;
  name: string;
}

/** A reply that has just been settled (stored, charged): what the after-reply step is told. */
export interface SettledReply {
  conversationId: string;
  assistantMessageId: string;
}

/** Long-lived collaborators shared by every request on one app node. */
export interface LumiServices {
  db: PrismaClient;
  provider: ChatProvider;
  moderator: Moderator;
  catalog: Catalog;
  generations: GenerationRegistry;
  /** Chat sends allowed per student per minute. */
  chatRateLimit: number;
  /** Sign-ups allowed per client address per hour. */
  signUpLimit: number;
  /** Tokens a day for each student's sessions outside any class. */
  personalDailyBudget: number;
  /** Money caps (LUMI_SPEND_CAP_*) that hold until an admin saves the installation's settings. */
  spendCapDefaults: SpendCapDefaults;
  /**
   * How long a finished reply waits for an unreachable database before its stream ends with SAVE_FAILED; the node
   * keeps trying to save it after that (chat/save-when-reachable.ts).
   */
  savePatienceMs: number;
  /** Injected so tests can move time; production uses the wall clock. */
  now: () => Date;
  /** Prometheus metrics of this node (scraped through /api/metrics). */
  metrics: LumiMetrics;
  /** JSON lines; never given what a student wrote. */
  log: Logger;
  /**
   * Work that follows a settled reply and must never delay it: a roleplay's correction card and its end. Runs
   * detached, after the reply's final event; never throws (failures are logged).
   */
  afterReply: (reply: SettledReply) => Promise<void>;
  /**
   * Checked before a plain send is stored or charged; throws an AppError to refuse it (a roleplay past its turn
   * limit, or one that has ended). A send that passes may hold a turn (a roleplay's): the turn calls the returned
   * release when it refuses the send after all.
   */
  beforeSend: (conversation: Pick<Conversation, 'id' | 'mode'>) => Promise<ReleaseTurn>;
}

export interface Context extends LumiServices {
  user: SessionUser | null;
  /** Client address, used for rate limits on anonymous procedures. */
  ip: string | null;
}

export function createContext(services: LumiServices, user: SessionUser | null, ip: string | null = null): Context {
  return { ...services, user, ip };
}
