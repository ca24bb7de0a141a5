import {
  createModeratorFromEnv,
  createProviderFromEnv,
  envInteger,
  loadCatalog,
  loadTokenizers,
} from '@lumi/chat-core';
import { createPrismaClient } from '@lumi/db';
import { GenerationRegistry } from './chat/generation';
import type { LumiServices } from './context';

/**
 * What the environment configures, built without connecting anywhere. Throws on an unusable setting (a proxy
 * URL, a timeout, the model catalog, a limit), so a server can check its configuration as it starts.
 */
export function configureFromEnv(env: NodeJS.ProcessEnv = process.env, overrides: Partial<LumiServices> = {}) {
  if (!overrides.db && !env.DATABASE_URL) throw new Error('DATABASE_URL is not set.');
  return {
    catalog: overrides.catalog ?? loadCatalog({ env }),
    provider: overrides.provider ?? createProviderFromEnv(env),
    moderator: overrides.moderator ?? createModeratorFromEnv(env),
    chatRateLimit: overrides.chatRateLimit ?? envInteger(env, 'LUMI_CHAT_RATE_LIMIT', 1) ?? 20,
    personalDailyBudget: overrides.personalDailyBudget ?? envInteger(env, 'LUMI_PERSONAL_DAILY_BUDGET', 0) ?? 20_000,
  };
}

/** Builds one node's collaborators from the environment: the database, the model provider, moderation. */
export function createServices(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<LumiServices> = {},
): LumiServices {
  const configured = configureFromEnv(env, overrides);
  // Paid once as the node starts rather than in front of some student's first token.
  loadTokenizers(configured.catalog.list().filter((m) => !m.legacy));
  return {
    ...configured,
    db: overrides.db ?? createPrismaClient(env.DATABASE_URL!),
    generations: overrides.generations ?? new GenerationRegistry(),
    now: overrides.now ?? (() => new Date()),
  };
}
