import {
  createModeratorFromEnv,
  createProviderFromEnv,
  envInteger,
  loadCatalog,
  loadTokenizers,
} from '@lumi/chat-core';
import { createPrismaClient, poolOf, type PrismaClient } from '@lumi/db';
import { GenerationRegistry } from './chat/generation';
import { SAVE_PATIENCE_MS } from './chat/save-when-reachable';
import { spendCapDefaultsFromEnv } from './chat/spend-caps';
import type { LumiServices } from './context';
import { createLogger } from './observability/logger';
import { afterRoleplayReply } from './practice/after-reply';
import { checkRoleplaySend } from './practice/before-send';
import { LumiMetrics } from './observability/metrics';

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
    signUpLimit: overrides.signUpLimit ?? envInteger(env, 'LUMI_SIGN_UP_LIMIT', 1) ?? 60,
    personalDailyBudget: overrides.personalDailyBudget ?? envInteger(env, 'LUMI_PERSONAL_DAILY_BUDGET', 0) ?? 20_000,
    spendCapDefaults: overrides.spendCapDefaults ?? spendCapDefaultsFromEnv(env),
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
  const db = overrides.db ?? createPrismaClient(env.DATABASE_URL!, { directUrl: env.DIRECT_DATABASE_URL || undefined });
  const generations = overrides.generations ?? new GenerationRegistry();
  const services: LumiServices = {
    ...configured,
    db,
    generations,
    savePatienceMs: overrides.savePatienceMs ?? SAVE_PATIENCE_MS,
    now: overrides.now ?? (() => new Date()),
    metrics:
      overrides.metrics ?? new LumiMetrics({ repliesInFlight: () => generations.size, pool: () => poolOrNull(db) }),
    log: overrides.log ?? createLogger(),
    afterReply:
      overrides.afterReply ??
      ((reply) =>
        afterRoleplayReply(services, reply).catch((error: unknown) =>
          services.log.warn({ err: error }, 'the step after a reply failed'),
        )),
    beforeSend: overrides.beforeSend ?? ((conversation) => checkRoleplaySend(services, conversation)),
  };
  return services;
}

function poolOrNull(db: PrismaClient) {
  try {
    return poolOf(db);
  } catch {
    return null;
  }
}
