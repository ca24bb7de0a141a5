import { createModeratorFromEnv, createProviderFromEnv, loadCatalog, loadTokenizers } from '@lumi/chat-core';
import { createPrismaClient } from '@lumi/db';
import { GenerationRegistry } from './chat/generation';
import type { LumiServices } from './context';

/** Builds one node's collaborators from the environment: the database, the model provider, moderation. */
export function createServices(env: NodeJS.ProcessEnv = process.env, overrides: Partial<LumiServices> = {}): LumiServices {
  const databaseUrl = env.DATABASE_URL;
  if (!overrides.db && !databaseUrl) throw new Error('DATABASE_URL is not set.');
  const catalog = overrides.catalog ?? loadCatalog({ env });
  // Paid once as the node starts rather than in front of some student's first token.
  loadTokenizers(catalog.list().filter((m) => !m.legacy));
  return {
    db: overrides.db ?? createPrismaClient(databaseUrl!),
    provider: overrides.provider ?? createProviderFromEnv(env),
    moderator: overrides.moderator ?? createModeratorFromEnv(env),
    catalog,
    generations: overrides.generations ?? new GenerationRegistry(),
    chatRateLimit: overrides.chatRateLimit ?? Number(env.LUMI_CHAT_RATE_LIMIT ?? 20),
    now: overrides.now ?? (() => new Date()),
  };
}
