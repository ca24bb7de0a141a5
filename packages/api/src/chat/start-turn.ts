import {
  TUTOR_RULE_KEYS,
  buildRequest,
  buildSystemPrompt,
  chooseModel,
  costMicros,
  countMessageTokens,
  createOfflineModerator,
  tokenCountFormat,
  type ModerationResult,
  type HistoryMessage,
  type TokenizerSpec,
  type TutorRuleKey,
} from '@lumi/chat-core';
import type { LumiServices, SessionUser } from '../context';
import { chatRateLimit } from '../shared/rate-limit';
import { AppError } from '../errors/app-error';
import { settleTokens, utcDay } from './budget';
import { budgetScope, cheapestModel, dailyBudgetFor } from './class-policy';
import { firstCopyReply } from './first-copy';
import { Generation } from './generation';
import { countedFor, loadHistory, toHistory } from './history';
import { runGeneration } from './run-generation';
import { DEFAULT_MAX_TOKENS, type SendMessageInput } from './send-message.types';
import { foldIntoSummary } from './summarize';
import { failTurn, refuseForBudget, refuseForSpend, replayStart, storeRefusal } from './turn-messages';
import { storeFlag } from './store/flag';
import { newId } from './store/ids';
import { replyFor } from './store/replay';
import { openReply, type PendingSend, type ReplyOpening } from './store/reply';
import { openSend, openTurn, type HistoryRow } from './store/send';
import { releaseInstallation, settleSpend, spendKey } from './spend-caps';
import { storeUserMessage, titleFrom } from './user-message';
import { studentModels } from '../admin/personal-choice';

export interface TurnStart {
  userMessageId: string;
  assistantMessageId: string;
  model: string;
  reason: string;
  /** The reply's token cap, when what is left of today's budget made it smaller than asked: it may be short. */
  replyLimit?: number;
}

/**
 * The smallest reply cap a turn is started with when today's budget is nearly spent; below it the turn is refused,
 * since a reply cut off after a sentence helps nobody.
 */
export const MIN_REPLY_TOKENS = 128;
/** Reservation attempts when concurrent turns take the budget between reading what is left and reserving it. */
const RESERVE_ATTEMPTS = 3;

const isTutorRule = (key: string): key is TutorRuleKey => (TUTOR_RULE_KEYS as readonly string[]).includes(key);

/**
 * The start of a chat turn (POST /api/chat in docs/chat-protocol.md): the request is built, the budget reserved and
 * a generation started that outlives the HTTP request. A plain send's message is stored together with the
 * reservation, so a send the budget cannot hold stores nothing; an edit or a retry changes the history first.
 * Independent steps run side by side, because everything here sits in front of the first token.
 */
export async function startTurn(
  services: LumiServices,
  user: SessionUser,
  input: SendMessageInput,
): Promise<TurnStart> {
  if (user.role !== 'STUDENT') throw new AppError('FORBIDDEN', 'Only students hold tutoring sessions.');
  const { db } = services;

  const turn = {
    userId: user.id,
    conversationId: input.conversationId,
    clientId: input.clientId,
    rule: chatRateLimit(services.chatRateLimit),
    now: services.now(),
  };
  // A send is checked and its history read in one round trip; edits and retries change the history first.
  const opening = input.kind === 'send' ? await openSend(db, turn) : { ...(await openTurn(db, turn)), history: [] };
  const { conversation, existing, rateLimit: limit } = opening;
  if (!conversation) throw new AppError('NOT_FOUND', 'No such conversation.');
  // A repeated send attaches to the turn it already made, whatever the rate limit says now.
  if (existing) return replayStart(services, conversation, existing);
  if (!opening.mayWrite) {
    throw new AppError('FORBIDDEN', 'This class is closed to you: it was archived, or you are no longer in it.');
  }
  // A roleplay past its turn limit (or ended) takes no new message: refused before anything is stored or charged.
  if (input.kind === 'send') await services.beforeSend(conversation);
  if (!limit.allowed) {
    throw new AppError(
      'RATE_LIMITED',
      'You are sending messages very fast. Take a breath and try again shortly.',
      limit.resetAt,
    );
  }
  // Moderation is a network call (and may cost money): made only for the owner of the conversation within the rate
  // limit, started now and waited for only before the provider would see the text.
  const moderation = input.kind === 'retry' ? null : moderate(services, input.content);

  const klass = conversation.class;
  const allowed = await studentModels(services, klass);
  const requested = input.model ?? conversation.model;
  const preferred = allowed.includes(requested) ? requested : allowed[0]!;
  if (input.model !== undefined && !allowed.includes(input.model)) {
    throw new AppError('MODEL_NOT_ALLOWED', `The model "${input.model}" is not allowed in this class.`);
  }
  const preferredEntry = services.catalog.require(preferred);

  let userMessage: HistoryRow;
  let pending: PendingSend | null = null;
  let history: HistoryMessage[];
  if (input.kind === 'send') {
    pending = {
      id: newId(),
      content: input.content,
      tokenCount: countMessageTokens({ role: 'user', content: input.content }, preferredEntry),
      model: preferredEntry.id,
      clientId: input.clientId,
      title: titleFrom(input.content),
      now: services.now(),
    };
    userMessage = { ...pending, role: 'USER' };
    history = [...opening.history, userMessage].map((m) => toHistory(m, services.catalog));
  } else {
    try {
      userMessage = await storeUserMessage(services, conversation, input, preferredEntry);
    } catch (error) {
      // A copy of this edit or retry got there first and changed the history: answer with its reply.
      const first = error instanceof AppError ? await firstCopyReply(services, conversation.id, input) : null;
      if (first) return replayStart(services, conversation, first);
      throw error;
    }
    history = await loadHistory(services, conversation.id, conversation.summarizedThroughSeq);
  }

  const verdict = await (moderation ?? moderate(services, userMessage.content));
  if (verdict.unavailable && klass?.moderationFailClosed) {
    const unavailable = {
      code: 'MODERATION_UNAVAILABLE',
      message: "Lumi's safety check is not answering right now. Try again in a moment.",
    } as const;
    // A send stored nothing yet; an edit or a retry already changed the history, so its failure is kept.
    if (pending) throw new AppError(unavailable.code, unavailable.message);
    return failTurn(services, conversation, input.clientId, preferred, unavailable);
  }
  // Recorded once the message is stored, since the flag points at it.
  const recordFlag = async () => {
    if (!verdict?.flagged) return;
    await storeFlag(db, {
      studentId: user.id,
      classId: klass?.id ?? null,
      conversationId: conversation.id,
      messageId: userMessage.id,
      categories: verdict.categories,
      refused: verdict.refuse,
    });
  };
  if (verdict?.refuse) {
    const refusal = await storeRefusal(services, conversation, userMessage, input.clientId, pending);
    await recordFlag();
    return refusal;
  }
  if (!pending) await recordFlag();

  const maxTokens = input.maxTokens ?? DEFAULT_MAX_TOKENS;
  const systemPrompt = buildSystemPrompt({
    mode: conversation.mode,
    persona: conversation.persona ?? undefined,
    languages:
      conversation.sourceLanguage && conversation.targetLanguage
        ? { source: conversation.sourceLanguage, target: conversation.targetLanguage }
        : undefined,
    rules: (klass?.tutorRules ?? []).filter(isTutorRule),
    instructions: klass?.extraInstructions ?? undefined,
  });
  const wanted =
    systemPromptTokens(systemPrompt, preferredEntry) +
    (conversation.summary ? conversation.summaryTokens : 0) +
    history.reduce((sum, m) => sum + (m.tokenCount ?? 0), 0);
  const choice = chooseModel({
    catalog: services.catalog,
    policy: { allowedModels: allowed, preferredModel: preferred },
    promptTokens: wanted,
    replyReserve: maxTokens,
  });
  // When no allowed window holds the whole history, stay on the preferred model; the summary carries the rest.
  const model = choice.ok ? choice.model.id : preferred;

  const build = (summary: { text: string } | null, turns: HistoryMessage[]) =>
    buildRequest({
      model,
      catalog: services.catalog,
      systemPrompt,
      summary: summary ?? undefined,
      history: turns,
      maxTokens,
    });
  // The summary is counted afresh for the model at hand: it may have been counted for another tokenizer.
  const stored = conversation.summary ? { text: conversation.summary } : null;
  let built = build(stored, history);
  if (built.omitted.ids.length > 0) {
    const folded = await foldIntoSummary(services, {
      conversation,
      user,
      klass,
      summaryModel: cheapestModel(services.catalog, allowed),
      history,
      omittedIds: built.omitted.ids,
    });
    if (folded) built = build(folded.summary, folded.history);
  }
  if (!built.fits) {
    const tooLong = {
      code: 'CONTEXT_TOO_LONG',
      message: 'This message is too long for the tutor to read at once. Shorten it or split it into parts.',
    } as const;
    // A send stored nothing yet; an edit or a retry already changed the history, so its failure is kept.
    if (pending) throw new AppError(tooLong.code, tooLong.message);
    return failTurn(services, conversation, input.clientId, model, tooLong);
  }

  const budgetKey = { userId: user.id, scope: budgetScope(klass), day: utcDay(services.now()) };
  const budget = dailyBudgetFor(klass, services.personalDailyBudget);
  const recount =
    pending ||
    tokenCountFormat(countedFor(userMessage, services.catalog) ?? preferredEntry) === tokenCountFormat(preferredEntry)
      ? null
      : {
          messageId: userMessage.id,
          tokenCount: countMessageTokens({ role: 'user', content: userMessage.content }, preferredEntry),
          model: preferredEntry.id,
        };
  // The reply's cap shrinks to what is left of today's budget, down to MIN_REPLY_TOKENS; the reservation itself
  // stays one atomic statement, retried with the smaller cap when another turn took tokens in between.
  // The money is reserved at the model's prices for the whole prompt (uncached) and the reply's cap, against the
  // installation's spend caps and those of the class's teacher.
  const spend = spendKey(klass?.teacherId ?? null, services.now());
  const entry = services.catalog.require(model);
  const microsFor = (cap: number) =>
    costMicros({ promptTokens: built.promptTokens, completionTokens: cap, cachedTokens: 0 }, entry);
  let replyCap = maxTokens;
  let reply: ReplyOpening;
  for (let attempt = 1; ; attempt++) {
    reply = await openReply(db, {
      conversationId: conversation.id,
      clientId: input.clientId,
      model,
      promptTokens: built.promptTokens,
      reserved: built.promptTokens + replyCap,
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
      await settleTokens(db, budgetKey, built.promptTokens + replyCap, 0);
      if (reply.installationReserved) await releaseInstallation(db, spend, microsFor(replyCap));
      const affordable = largestFitting(replyCap, reply.spendLeft, microsFor);
      if (affordable >= MIN_REPLY_TOKENS && attempt < RESERVE_ATTEMPTS) {
        replyCap = affordable;
        continue;
      }
      return refuseForSpend(services, {
        conversation,
        clientId: input.clientId,
        model,
        pending,
        month: reply.refusedMonth,
        teacher: reply.teacherRefused,
      });
    }
    const fitted = Math.min(maxTokens, reply.left - built.promptTokens);
    if (fitted < MIN_REPLY_TOKENS || fitted >= replyCap || attempt >= RESERVE_ATTEMPTS) {
      return refuseForBudget(services, { conversation, clientId: input.clientId, model, left: reply.left, pending });
    }
    replyCap = fitted;
  }
  const reserved = built.promptTokens + replyCap;
  if (!reply.messageId) {
    // A concurrent duplicate of this send got there first: give back what this one reserved.
    await settleTokens(db, budgetKey, reserved, 0);
    await settleSpend(db, spend, microsFor(replyCap), 0);
    const first = await replyFor(db, conversation.id, input.clientId);
    if (!first) throw new Error('A duplicate send took the reply, which is not there.');
    return replayStart(services, conversation, first);
  }
  if (pending) await recordFlag();
  const assistantMessageId = reply.messageId;

  const generation = new Generation();
  services.generations.register(assistantMessageId, generation);
  runGeneration(services, generation, {
    assistantMessageId,
    conversationId: conversation.id,
    userId: user.id,
    classId: klass?.id ?? null,
    model,
    messages: built.messages,
    promptTokens: built.promptTokens,
    maxTokens: replyCap,
    reserved,
    budgetKey,
    spend: { key: spend, reserved: microsFor(replyCap) },
    startedAt: performance.now(),
  }).catch((error: unknown) => console.error('lumi: a reply could not be saved', error));
  return {
    userMessageId: userMessage.id,
    assistantMessageId,
    model,
    reason: choice.reason.message,
    ...(replyCap < maxTokens && { replyLimit: replyCap }),
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

/**
 * The system prompt is the same for every turn of a class and mode, and counting it is the largest tokenizer job
 * before the first token: count each (prompt, tokenizer) once. Bounded, since teachers edit class instructions.
 */
const systemPromptCounts = new Map<string, number>();
const SYSTEM_PROMPT_CACHE_SIZE = 500;
function systemPromptTokens(prompt: string, model: TokenizerSpec): number {
  const key = `${tokenCountFormat(model)}\n${prompt}`;
  let count = systemPromptCounts.get(key);
  if (count === undefined) {
    count = countMessageTokens({ role: 'system', content: prompt }, model);
    if (systemPromptCounts.size >= SYSTEM_PROMPT_CACHE_SIZE) systemPromptCounts.clear();
    systemPromptCounts.set(key, count);
  }
  return count;
}

/**
 * The moderation verdict. When the moderation service cannot answer after its retries, Lumi's offline patterns
 * screen the text instead and `unavailable` says so: a class that fails closed then refuses the turn; elsewhere the
 * turn goes on (the provider's own filters still apply). README, "Moderation".
 */
async function moderate(services: LumiServices, text: string): Promise<ModerationResult & { unavailable: boolean }> {
  try {
    return { ...(await services.moderator.check(text)), unavailable: false };
  } catch (error) {
    services.log.warn({ err: error }, 'moderation failed; the offline patterns screened the message');
    return { ...(await offlineModerator.check(text)), unavailable: true };
  }
}
const offlineModerator = createOfflineModerator();
