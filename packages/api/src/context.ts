import type { Catalog, ChatProvider, Moderator } from '@lumi/chat-core';
import type { PrismaClient, Role } from '@lumi/db';
import type { GenerationRegistry } from './chat/generation';
import type { SpendCapDefaults } from './chat/spend-caps';
import type { Logger } from './observability/logger';
import type { LumiMetrics } from './observability/metrics';

/** Who is calling. The web app derives it from the Auth.js session; the API never reads cookies itself. */
export interface SessionUser {
  id: string;
  role: Role;
  name: string;
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
  /** Injected so tests can move time; production uses the wall clock. */
  now: () => Date;
  /** Prometheus metrics of this node (scraped through /api/metrics). */
  metrics: LumiMetrics;
  /** JSON lines; never given what a student wrote. */
  log: Logger;
}

export interface Context extends LumiServices {
  user: SessionUser | null;
  /** Client address, used for rate limits on anonymous procedures. */
  ip: string | null;
}

export function createContext(services: LumiServices, user: SessionUser | null, ip: string | null = null): Context {
  return { ...services, user, ip };
}
