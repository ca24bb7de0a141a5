import { costMicros, countMessageTokens, tokenCountFormat } from '@lumi/chat-core';
import { settleTokens, utcDay } from '../budget';
import { budgetScope, dailyBudgetFor } from '../class-policy';
import { countedFor } from '../history';
import { releaseInstallation, settleSpend, spendKey } from '../spend-caps';
import { replyFor } from '../store/replay';
import { openReply, type ReplyOpening } from '../store/reply';
import { refuseForBudget, refuseForSpend, replayStart } from '../turn-messages';
import type { Phase, Planned, Reserved } from './types';

/**
 * The smallest reply cap a turn is started with when today's budget is nearly spent; below it the turn is refused,
 * since a reply cut off after a sentence helps nobody.
 */
export const MIN_REPLY_TOKENS = 128;
/** Reservation attempts when concurrent turns take the budget between reading what is left and reserving it. */
const RESERVE_ATTEMPTS = 3;

/**
 * Phase 5, reserve: today's token budget and the spend caps hold the prompt and the reply's cap, and the reply row
 * is opened, with a plain send's message, in one statement (store/reply.ts). The reply's cap shrinks to what is left
 * of the budget or the money, down to MIN_REPLY_TOKENS; the reservation itself stays one atomic statement, retried
 * with the smaller cap when another turn took tokens in between. A turn neither can hold is refused. The money is
 * reserved at the model's prices for the whole prompt (uncached) and the reply's cap, against the installation's
 * caps and those of the class's teacher.
 */
export async function reserve(turn: Planned): Promise<Phase<Reserved>> {
  const { services, user, input, conversation, klass, model, promptTokens, maxTokens, pending, userMessage } = turn;
  const { db } = services;
  const budgetKey = { userId: user.id, scope: budgetScope(klass), day: utcDay(services.now()) };
  const budget = dailyBudgetFor(klass, services.personalDailyBudget);
  // The student's message counted again for the model the turn uses, when it was counted for another format.
  const { preferred } = turn;
  const recount =
    pending || tokenCountFormat(countedFor(userMessage, services.catalog) ?? preferred) === tokenCountFormat(preferred)
      ? null
      : {
          messageId: userMessage.id,
          tokenCount: countMessageTokens({ role: 'user', content: userMessage.content }, preferred),
          model: preferred.id,
        };
  const spend = spendKey(klass?.teacherId ?? null, services.now());
  const microsFor = (cap: number) => costMicros({ promptTokens, completionTokens: cap, cachedTokens: 0 }, model);
  const refusal = { conversation, clientId: input.clientId, model: model.id, pending };
  let replyCap = maxTokens;
  let reply: ReplyOpening;
  for (let attempt = 1; ; attempt++) {
    reply = await openReply(db, {
      conversationId: conversation.id,
      clientId: input.clientId,
      model: model.id,
      promptTokens,
      reserved: promptTokens + replyCap,
      budget,
      key: budgetKey,
      send: pending,
      recount,
      spend: { key: spend, micros: microsFor(replyCap), defaults: services.spendCapDefaults },
    });
    if (reply.granted) break;
    if (reply.budgetGranted) {
      // A spend cap refused after the budget (and maybe another cap) held: give those back, then try the reply cap
      // the money left pays for (down to MIN_REPLY_TOKENS), or refuse.
      await settleTokens(db, budgetKey, promptTokens + replyCap, 0);
      if (reply.installationReserved) await releaseInstallation(db, spend, microsFor(replyCap));
      const affordable = largestFitting(replyCap, reply.spendLeft, microsFor);
      if (affordable >= MIN_REPLY_TOKENS && attempt < RESERVE_ATTEMPTS) {
        replyCap = affordable;
        continue;
      }
      return refuseForSpend(services, { ...refusal, month: reply.refusedMonth, teacher: reply.teacherRefused });
    }
    const fitted = Math.min(maxTokens, reply.left - promptTokens);
    if (fitted < MIN_REPLY_TOKENS || fitted >= replyCap || attempt >= RESERVE_ATTEMPTS) {
      return refuseForBudget(services, { ...refusal, left: reply.left });
    }
    replyCap = fitted;
  }
  if (!reply.messageId) {
    // A concurrent duplicate of this send got there first: give back what this one reserved.
    await settleTokens(db, budgetKey, promptTokens + replyCap, 0);
    await settleSpend(db, spend, microsFor(replyCap), 0);
    const first = await replyFor(db, conversation.id, input.clientId);
    if (!first) throw new Error('A duplicate send took the reply, which is not there.');
    return { done: await replayStart(services, conversation, first) };
  }
  return {
    next: {
      ...turn,
      assistantMessageId: reply.messageId,
      replyCap,
      budgetKey,
      spend: { key: spend, reserved: microsFor(replyCap) },
    },
  };
}

/**
 * The largest reply cap below `cap` whose money (`microsFor`) fits in `left` micro-dollars, or 0. Costs grow with
 * the cap, so a binary search; unknown money left (null) fits nothing.
 */
function largestFitting(cap: number, left: number | null, microsFor: (cap: number) => number): number {
  if (left === null || microsFor(0) > left) return 0;
  let [low, high] = [0, cap - 1];
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (microsFor(mid) <= left) low = mid;
    else high = mid - 1;
  }
  return low;
}
