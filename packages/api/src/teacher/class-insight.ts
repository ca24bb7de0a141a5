import {
  costMicros,
  insightTask,
  requestStructured,
  type InsightAnswer,
  type InsightInput,
  type StructuredOptions,
} from '@lumi/chat-core';
import { Prisma, type Class, type ClassInsight } from '@lumi/db';
import { allowedModelsFor } from '../chat/class-policy';
import { reserveSpend, settleSpend, spendKey, type SpendKey } from '../chat/spend-caps';
import type { LumiServices, SessionUser } from '../context';
import { AppError } from '../errors/app-error';
import type { InsightContent, InsightSource } from './insight.types';

/** The most messages one insight reads (the newest of the week), and the characters kept of each. */
const MAX_MESSAGES = 300;
const MAX_CHARS = 400;
const DAY_MS = 86_400_000;

export function insightView(row: ClassInsight) {
  return {
    weekStart: row.weekStart.toISOString().slice(0, 10),
    language: row.language === 'ZH' ? ('zh' as const) : ('en' as const),
    model: row.model,
    messageCount: row.messageCount,
    createdAt: row.createdAt,
    content: row.content as unknown as InsightContent,
  };
}

interface WeekMessage {
  id: string;
  conversationId: string;
  role: 'USER' | 'ASSISTANT';
  content: string;
  title: string;
  mode: string;
  studentId: string;
  studentName: string;
}

/** The class's settled messages of the week, newest first, read once for the question and its check. */
async function weekMessages(services: LumiServices, classId: string, from: Date, to: Date) {
  return services.db.$queryRaw<WeekMessage[]>(Prisma.sql`
    SELECT m."id", m."conversationId", m."role"::text AS "role", left(m."content", ${MAX_CHARS}) AS "content",
      c."title", c."mode"::text AS "mode", c."studentId", s."name" AS "studentName"
    FROM "Conversation" c
    JOIN "Message" m ON m."conversationId" = c."id"
    JOIN "User" s ON s."id" = c."studentId"
    WHERE c."classId" = ${classId} AND c."lastMessageAt" >= ${from}
      AND m."createdAt" >= ${from} AND m."createdAt" < ${to}
      AND m."status" <> 'STREAMING' AND m."content" <> '' AND m."supersededAt" IS NULL
    ORDER BY m."createdAt" DESC, m."id" DESC
    LIMIT ${MAX_MESSAGES}`);
}

/** The cheapest of the class's models that answers in a JSON schema (else the cheapest): this is plain summarising. */
function insightModel(services: LumiServices, klass: Class) {
  const entries = allowedModelsFor(services.catalog, services.provider, klass, []).map((id) =>
    services.catalog.require(id),
  );
  entries.sort((a, b) => a.prices.input + a.prices.output - (b.prices.input + b.prices.output));
  return entries.find((e) => e.capabilities.jsonSchema) ?? entries[0]!;
}

/** A PENDING claim older than this was left by a node that went away while writing; another request takes it over. */
const STALE_CLAIM_MS = 180_000;
/** How often a request that lost the claim looks for the winner's insight. */
const WAIT_MS = 150;

type InsightKey = { classId: string; weekStart: Date; language: 'EN' | 'ZH' };

/**
 * Writes the insight of one class's week in one language, or returns the one already written: nothing is paid for
 * twice. The first request claims the week by inserting a PENDING row (the unique key decides between requests on
 * any node); the others wait for it and return its insight, or fail as it did when it gives its claim back.
 */
export async function generateInsight(
  services: LumiServices,
  user: SessionUser,
  klass: Class,
  weekStart: string,
  language: 'en' | 'zh',
) {
  const key: InsightKey = {
    classId: klass.id,
    weekStart: new Date(`${weekStart}T00:00:00Z`),
    language: toUi(language),
  };
  const where = { classId_weekStart_language: key };
  let lost = false;
  for (;;) {
    const row = await services.db.classInsight.findUnique({ where });
    if (row?.status === 'READY') return { ...insightView(row), reused: true };
    if (!row && lost) throw unavailable();
    if (key.weekStart.getTime() > services.now().getTime()) {
      throw new AppError('BAD_INPUT', 'That week has not started yet.');
    }
    const claimedAt = await claim(services, user, key, row);
    if (claimedAt) return writeInsight(services, user, klass, key, claimedAt);
    lost = true;
    await new Promise((resolve) => setTimeout(resolve, WAIT_MS));
  }
}

/**
 * Claims the key with a conditional write: a new PENDING row, or a PENDING one left stale, moved on by its exact
 * claim time. Returns the claim time (the claim's token), or null when another request holds it.
 */
async function claim(services: LumiServices, user: SessionUser, key: InsightKey, row: ClassInsight | null) {
  const claimedAt = services.now();
  if (!row) {
    const { count } = await services.db.classInsight.createMany({
      data: [{ ...key, requestedById: user.id, status: 'PENDING', model: '', messageCount: 0, createdAt: claimedAt }],
      skipDuplicates: true,
    });
    return count === 1 ? claimedAt : null;
  }
  if (row.createdAt.getTime() > claimedAt.getTime() - STALE_CLAIM_MS) return null;
  const { count } = await services.db.classInsight.updateMany({
    where: { id: row.id, status: 'PENDING', createdAt: row.createdAt },
    data: { requestedById: user.id, createdAt: claimedAt },
  });
  return count === 1 ? claimedAt : null;
}

/**
 * Writes the claimed insight. The question names messages and students by short references; the answer's claims
 * keep only references to messages of this question (so of this class and week) and are stored with the message
 * ids behind them. The model's calls are usage of the teacher who asked, in the class, reserved against the spend
 * caps. A failure gives the claim back, so a later request tries again.
 */
async function writeInsight(services: LumiServices, user: SessionUser, klass: Class, key: InsightKey, claimedAt: Date) {
  const claimed = {
    classId: key.classId,
    weekStart: key.weekStart,
    language: key.language,
    status: 'PENDING' as const,
  };
  try {
    const written = await services.db.classInsight.updateMany({
      where: { ...claimed, createdAt: claimedAt },
      data: { ...(await composeInsight(services, user, klass, key)), status: 'READY', createdAt: services.now() },
    });
    const stored = await services.db.classInsight.findUnique({ where: { classId_weekStart_language: key } });
    // Taken over as stale while the model was slow: the other request's insight, once written, is the one kept.
    if (stored?.status !== 'READY') throw unavailable();
    return { ...insightView(stored), reused: written.count === 0 };
  } catch (error) {
    await services.db.classInsight.deleteMany({ where: { ...claimed, createdAt: claimedAt } });
    throw error;
  }
}

async function composeInsight(services: LumiServices, user: SessionUser, klass: Class, key: InsightKey) {
  const weekStart = key.weekStart.toISOString().slice(0, 10);
  const language = key.language === 'ZH' ? ('zh' as const) : ('en' as const);
  const to = new Date(key.weekStart.getTime() + 7 * DAY_MS);
  const messages = (await weekMessages(services, klass.id, key.weekStart, to)).reverse();
  const studentRefs = new Map<string, string>();
  for (const m of messages) if (!studentRefs.has(m.studentId)) studentRefs.set(m.studentId, `s${studentRefs.size + 1}`);
  const names = new Map(messages.map((m) => [m.studentId, m.studentName]));
  const input: InsightInput = {
    task: 'class_insight',
    language,
    className: klass.name,
    week: { from: weekStart, to: new Date(to.getTime() - DAY_MS).toISOString().slice(0, 10) },
    students: [...studentRefs].map(([id, ref]) => ({ ref, name: names.get(id)! })),
    messages: messages.map((m, i) => ({
      ref: `m${i + 1}`,
      student: studentRefs.get(m.studentId)!,
      session: m.title,
      mode: m.mode,
      role: m.role === 'USER' ? 'student' : 'tutor',
      text: m.content,
    })),
  };
  const model = insightModel(services, klass);
  const answer: InsightAnswer =
    messages.length === 0
      ? { summary: '', topics: [], misconceptions: [], students: [] }
      : await ask(services, user, klass, model, input);

  const byRef = new Map(messages.map((m, i) => [`m${i + 1}`, { id: m.id, conversationId: m.conversationId }]));
  const studentByRef = new Map([...studentRefs].map(([id, ref]) => [ref, id]));
  const sources = (refs: string[]): InsightSource[] => refs.map((r) => byRef.get(r)!);
  const content: InsightContent = {
    summary: answer.summary,
    topics: answer.topics.map((c) => ({ title: c.title, detail: c.detail, sources: sources(c.messages) })),
    misconceptions: answer.misconceptions.map((c) => ({
      title: c.title,
      detail: c.detail,
      sources: sources(c.messages),
    })),
    students: answer.students.map((s) => {
      const studentId = studentByRef.get(s.student)!;
      return { studentId, name: names.get(studentId)!, reason: s.reason, sources: sources(s.messages) };
    }),
  };
  return { model: model.id, content: content as unknown as Prisma.InputJsonValue, messageCount: messages.length };
}

async function ask(
  services: LumiServices,
  user: SessionUser,
  klass: Class,
  model: ReturnType<typeof insightModel>,
  input: InsightInput,
): Promise<InsightAnswer> {
  const result = await requestStructured(services.provider, model, insightTask(input), {
    user: user.id,
    ...insightSpending(services, user, klass, model),
  });
  if (result.ok) return result.value;
  if (result.reason === 'budget') {
    throw new AppError(
      'SPEND_CAP_REACHED',
      "The money set aside for AI in this school or for this class's teacher is used up for now.",
    );
  }
  throw unavailable();
}

/**
 * Each call of the model reserves its worst case (every token at the output price, which is never below the input
 * price) against the installation's and the class's teacher's spend caps first, as a chat turn does, and is
 * refused when a cap cannot hold it; then the reservation is swapped for what the provider said it spent, recorded
 * as usage, in one transaction.
 */
function insightSpending(
  services: LumiServices,
  user: SessionUser,
  klass: Class,
  model: ReturnType<typeof insightModel>,
): Required<Pick<StructuredOptions, 'reserve' | 'settle'>> {
  const held: Array<{ spend: SpendKey; micros: number }> = [];
  return {
    async reserve(worstCase) {
      const spend = spendKey(klass.teacherId, services.now());
      const micros = costMicros({ promptTokens: 0, completionTokens: worstCase, cachedTokens: 0 }, model);
      if (!(await reserveSpend(services.db, services.spendCapDefaults, spend, micros))) return false;
      held.push({ spend, micros });
      return true;
    },
    async settle({ usage, model: servedBy }) {
      const { spend, micros } = held.shift()!;
      const cost = costMicros(usage, services.catalog.get(servedBy) ?? model);
      await services.db.$transaction(async (tx) => {
        await settleSpend(tx, spend, micros, cost);
        if (usage.promptTokens + usage.completionTokens === 0) return;
        await tx.usageEvent.create({
          data: {
            userId: user.id,
            classId: klass.id,
            kind: 'INSIGHT',
            model: servedBy,
            promptTokens: usage.promptTokens,
            completionTokens: usage.completionTokens,
            cachedTokens: usage.cachedTokens,
            costMicros: cost,
          },
        });
      });
    },
  };
}

const unavailable = () =>
  new AppError('INSIGHT_UNAVAILABLE', 'The insight could not be written just now. Try again in a moment.');

function toUi(language: 'en' | 'zh') {
  return language === 'zh' ? ('ZH' as const) : ('EN' as const);
}
