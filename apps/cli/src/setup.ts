import {
  chooseModel,
  createProviderFromEnv,
  DEMO_MODEL,
  loadCatalog,
  TUTOR_MODE_IDS,
  type Catalog,
  type Env,
} from '@lumi/chat-core';
import { UsageError, type CliOptions } from './args';
import { isTutorModeId } from './commands';
import { defaultMaxTokens, promptSettingsProblem, TutorSession } from './session';

// A chat model that answers directly; reasoning models spend a small reply cap on thinking and can answer nothing.
const PREFERRED_ONLINE_MODEL = 'gpt-4o-mini';

function defaultModelId(catalog: Catalog, offline: boolean): string {
  if (offline) return DEMO_MODEL;
  const choice = chooseModel({
    catalog,
    policy: { allowedModels: [], preferredModel: PREFERRED_ONLINE_MODEL, task: 'chat' },
    promptTokens: 0,
    replyReserve: 1,
  });
  if (!choice.ok) throw new UsageError(`${choice.reason.message} Pick a model with --model.`);
  return choice.model.id;
}

/** The session the options and environment describe. Throws the catalog's, proxy's or a UsageError on bad settings. */
export function createSession(options: CliOptions, env: Env): TutorSession {
  const catalog = loadCatalog({ env });
  const provider = createProviderFromEnv(env);
  const model = catalog.require(options.model ?? defaultModelId(catalog, provider.offline));

  const maxTokens = options.maxTokens ?? defaultMaxTokens(model);
  if (maxTokens > model.maxOutput)
    throw new UsageError(`--max-tokens ${maxTokens} is above ${model.id}'s reply limit of ${model.maxOutput}.`);

  const mode = options.mode?.toUpperCase() ?? 'GENERAL';
  if (!isTutorModeId(mode))
    throw new UsageError(`Unknown mode "${options.mode}". Modes: ${TUTOR_MODE_IDS.join(', ')}.`);
  const prompt = { mode, persona: options.system };
  const problem = promptSettingsProblem(prompt);
  if (problem) throw new UsageError(problem);

  return new TutorSession(provider, catalog, { model, maxTokens, ...prompt });
}
