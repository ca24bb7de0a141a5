import { AppError } from '../../errors/app-error';
import { cheapestModel } from '../class-policy';
import { DEFAULT_MAX_TOKENS } from '../send-message.types';
import { foldIntoSummary } from '../summarize';
import { failTurn } from '../turn-messages';
import { planTurn } from './plan-turn';
import type { Planned, Screened } from './types';

/**
 * Phase 4, plan: the prompt and the model (planTurn, pure); turns that no longer fit the window are folded into the
 * conversation's rolling summary by the cheapest allowed model. A message that does not fit even alone is refused.
 */
export async function plan(turn: Screened): Promise<Planned> {
  const { services, user, input, conversation, klass, allowed } = turn;
  const maxTokens = input.maxTokens ?? DEFAULT_MAX_TOKENS;
  const planned = planTurn({ ...turn, catalog: services.catalog, maxTokens });
  let request = planned.request;
  if (request.omitted.ids.length > 0) {
    const folded = await foldIntoSummary(services, {
      conversation,
      user,
      klass,
      summaryModel: cheapestModel(services.catalog, allowed),
      history: turn.history,
      omittedIds: request.omitted.ids,
    });
    if (folded) request = planned.withSummary(folded.summary.text, folded.history);
  }
  if (!request.fits) {
    const tooLong = {
      code: 'CONTEXT_TOO_LONG',
      message: 'This message is too long for the tutor to read at once. Shorten it or split it into parts.',
    } as const;
    // A send stored nothing yet; an edit or a retry already changed the history, so its failure is kept.
    if (turn.pending) throw new AppError(tooLong.code, tooLong.message);
    return failTurn(services, conversation, input.clientId, planned.model.id, tooLong);
  }
  return {
    ...turn,
    model: planned.model,
    reason: planned.reason,
    messages: request.messages,
    promptTokens: request.promptTokens,
    maxTokens,
  };
}
