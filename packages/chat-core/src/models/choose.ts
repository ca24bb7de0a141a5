import { z } from 'zod';
import { costMicros } from '../cost';
import type { Catalog } from './catalog';
import { modelTaskSchema, type ModelEntry } from './model-entry';

export const modelPolicySchema = z.object({
  /** Empty: every catalog model that is neither legacy nor offline. */
  allowedModels: z.array(z.string().min(1)),
  preferredModel: z.string().min(1).optional(),
  task: modelTaskSchema.optional(),
});
export type ModelPolicy = z.infer<typeof modelPolicySchema>;

export type ModelRejection = 'unknown-model' | 'not-allowed' | 'reply-over-max-output' | 'window-too-small';

export interface ConsideredModel {
  id: string;
  fits: boolean;
  rejection?: ModelRejection;
  /** Worst-case cost of this request (full prompt + full reply reserve), when the model is known. */
  worstCaseMicros?: number;
  detail: string;
}

export interface ModelChoiceReason {
  code: 'preferred' | 'task-match' | 'cheapest-fit' | 'nothing-fits' | 'no-models-allowed';
  message: string;
  considered: ConsideredModel[];
}

export type ModelChoice =
  { ok: true; model: ModelEntry; reason: ModelChoiceReason } | { ok: false; reason: ModelChoiceReason };

export interface ChooseModelInput {
  catalog: Catalog;
  policy: ModelPolicy;
  promptTokens: number;
  replyReserve: number;
}

const n = (value: number) => value.toLocaleString('en-US');

function consider(
  id: string,
  entry: ModelEntry | undefined,
  promptTokens: number,
  replyReserve: number,
): ConsideredModel {
  if (!entry) return { id, fits: false, rejection: 'unknown-model', detail: 'not in the model catalog' };
  const worstCaseMicros = costMicros({ promptTokens, completionTokens: replyReserve, cachedTokens: 0 }, entry);
  if (replyReserve > entry.maxOutput) {
    return {
      id,
      fits: false,
      rejection: 'reply-over-max-output',
      worstCaseMicros,
      detail: `replies are capped at ${n(entry.maxOutput)} tokens`,
    };
  }
  const needed = promptTokens + replyReserve;
  if (needed > entry.contextWindow) {
    return {
      id,
      fits: false,
      rejection: 'window-too-small',
      worstCaseMicros,
      detail: `window of ${n(entry.contextWindow)} tokens is smaller than the ${n(needed)} needed`,
    };
  }
  return { id, fits: true, worstCaseMicros, detail: `fits (${n(needed)} of ${n(entry.contextWindow)} tokens)` };
}

function cheapest(candidates: ConsideredModel[]): ConsideredModel | undefined {
  // Stable: on equal cost the earlier (policy or catalog order) model wins.
  return candidates.reduce<ConsideredModel | undefined>(
    (best, c) => (best === undefined || c.worstCaseMicros! < best.worstCaseMicros! ? c : best),
    undefined,
  );
}

/**
 * Picks the model for one request: the preferred model when it is allowed and fits, otherwise the cheapest allowed
 * model (by this request's worst-case cost) whose window holds the prompt plus the reply reserve, among models
 * strong at the task when one of those fits. A bigger, dearer model is therefore used only when a cheaper one
 * does not fit.
 */
export function chooseModel({ catalog, policy, promptTokens, replyReserve }: ChooseModelInput): ModelChoice {
  const allowedIds =
    policy.allowedModels.length > 0
      ? [...new Set(policy.allowedModels)]
      : catalog
          .list()
          .filter((m) => !m.legacy && !m.offline)
          .map((m) => m.id);
  const considered = allowedIds.map((id) => consider(id, catalog.get(id), promptTokens, replyReserve));
  const fitting = considered.filter((c) => c.fits);
  const need = `${n(promptTokens)} prompt + ${n(replyReserve)} reply tokens`;
  const chosen = (code: ModelChoiceReason['code'], pick: ConsideredModel, why: string): ModelChoice => {
    const skipped = considered.filter(
      (c) => !c.fits && c.worstCaseMicros !== undefined && c.worstCaseMicros < pick.worstCaseMicros!,
    );
    const escalation =
      skipped.length > 0 ? ` Cheaper models skipped: ${skipped.map((c) => `${c.id} (${c.detail})`).join('; ')}.` : '';
    return {
      ok: true,
      model: catalog.require(pick.id),
      reason: { code, message: `${pick.id}: ${why} for ${need}.${escalation}`, considered },
    };
  };

  const { preferredModel, task } = policy;
  if (preferredModel !== undefined) {
    const preferred = considered.find((c) => c.id === preferredModel);
    if (preferred?.fits) return chosen('preferred', preferred, 'the preferred model, allowed and large enough');
    if (!preferred)
      considered.push({
        id: preferredModel,
        fits: false,
        rejection: 'not-allowed',
        detail: 'preferred but not in the allowed models',
      });
  }

  if (task !== undefined) {
    const strong = cheapest(fitting.filter((c) => catalog.require(c.id).strengths.includes(task)));
    if (strong) return chosen('task-match', strong, `the cheapest allowed model suited to ${task} that fits`);
  }
  const pick = cheapest(fitting);
  if (pick) return chosen('cheapest-fit', pick, 'the cheapest allowed model that fits');

  const code = considered.length === 0 ? 'no-models-allowed' : 'nothing-fits';
  const message =
    code === 'no-models-allowed'
      ? 'No models are allowed for this class.'
      : `No allowed model can take ${need}: ${considered.map((c) => `${c.id} (${c.detail})`).join('; ')}. Shorten the message or ask the teacher to allow a larger model.`;
  return { ok: false, reason: { code, message, considered } };
}
